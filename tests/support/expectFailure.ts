import { expect } from 'vitest';
import type { ErrorCode, Result } from '../../electron/shared/errors.ts';

/** Asserts a failed result envelope with this code and a message matching `message`. */
export function expectFailure(result: Result<unknown>, code: ErrorCode, message: RegExp): void {
  expect(result.ok, `expected a ${code} failure`).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.message).toMatch(message);
}
