import type { CallName, Handlers, RequestOf, ResponseOf } from '../../electron/shared/contract.ts';
import { dispatchCall } from '../../electron/shared/dispatch.ts';
import type { Result } from '../../electron/shared/errors.ts';

/** Whatever holds a handler for every contract call: an open Library, or `{ handlers }` of a test's own. */
export interface HandlerHost {
  readonly handlers: Handlers;
}

/**
 * A contract call the way every caller makes it (through dispatchCall) that
 * must succeed: its typed value. A failure throws, naming the call, the error
 * code and message, so a test reads as a story.
 */
export async function call<Name extends CallName>(
  host: HandlerHost,
  name: Name,
  request: RequestOf<Name>,
): Promise<ResponseOf<Name>> {
  const result = (await dispatchCall(host.handlers, name, request)) as Result<ResponseOf<Name>>;
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A contract call that may fail (any request, to see it refused): the result envelope, as callers get it. */
export function attempt(host: HandlerHost, name: CallName, request: unknown): Promise<Result<unknown>> {
  return dispatchCall(host.handlers, name, request);
}
