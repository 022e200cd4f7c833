import {
  callNames,
  parseRequest,
  type CallName,
  type EventName,
  type EventPayloadOf,
  type Handlers,
} from './contract.ts';
import { failure, ok, toErrorInfo, type Result } from './errors.ts';

/**
 * The one path every call takes into the library, whichever door it came
 * through (Electron IPC, HTTP, CLI): parse the payload with the call's
 * schema, run the handler, wrap the outcome in the result envelope.
 * Handler errors never escape as exceptions.
 */
export async function dispatchCall(handlers: Handlers, name: CallName, payload: unknown): Promise<Result<unknown>> {
  const parsed = parseRequest(name, payload);
  if (!parsed.ok) return failure({ code: 'bad-request', message: parsed.message });
  try {
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    return ok(await handler(parsed.value));
  } catch (error) {
    return failure(toErrorInfo(error));
  }
}

/** True when `handlers` has a function for every call in the contract. */
export function missingHandlers(handlers: Partial<Record<CallName, unknown>>): CallName[] {
  return callNames.filter((name) => typeof handlers[name] !== 'function');
}

/** Where core publishes contract events; main, the host and the CLI subscribe. */
export interface EventSink {
  emit<Name extends EventName>(name: Name, payload: EventPayloadOf<Name>): void;
}

export type AnyEventListener = <Name extends EventName>(name: Name, payload: EventPayloadOf<Name>) => void;
