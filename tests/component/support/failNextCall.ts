import type { CallName } from '../../../electron/shared/contract.ts';
import { OffprintError, type ErrorCode } from '../../../electron/shared/errors.ts';
import type { FakeClient } from './fakeClient.ts';

/**
 * The next `name` call fails as the library fails it, its message naming the
 * call first (`feeds:list: the library is closed`): the renderer must show
 * the reason in plain words, without the call's name.
 */
export function failNextCall(fake: FakeClient, name: CallName, reason: string, code: ErrorCode = 'unavailable'): void {
  fake.library.failNext(name, new OffprintError(code, `${name}: ${reason}`));
}
