import { OffprintError, type Result } from '../../../electron/shared/errors.ts';

/** The value of an ok envelope; a failure is thrown as an OffprintError carrying its code and message. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new OffprintError(result.error.code, result.error.message);
}
