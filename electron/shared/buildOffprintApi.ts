import { callNames, isEventName, splitCallName, type CallName, type EventName, type OffprintApi } from './contract.ts';
import { failure, toErrorInfo, type Result } from './errors.ts';

/** The raw transport underneath an OffprintApi: Electron IPC in the preload, HTTP in a browser. */
export interface OffprintTransport {
  readonly invoke: (name: CallName, request: unknown) => Promise<unknown>;
  /** Must hand the listener the payload only, and return the unsubscribe. */
  readonly subscribe: (name: EventName, listener: (payload: unknown) => void) => () => void;
}

type Call = (request: unknown) => Promise<unknown>;

/**
 * Builds the OffprintApi from the contract: one function per call, grouped
 * by domain, plus `on` for the contract's events. Nothing generic (no send,
 * no invoke by name) is reachable from the page. Used by the preload
 * (`window.offprint`) and by the renderer's HTTP client, so both have one shape.
 */
export function buildOffprintApi({ invoke, subscribe }: OffprintTransport): OffprintApi {
  const domains = new Map<string, Record<string, Call>>();
  for (const name of callNames) {
    const [domain, verb] = splitCallName(name);
    if (domain === 'on') throw new Error(`buildOffprintApi: call ${name} would shadow offprint.on`);
    const calls = domains.get(domain) ?? {};
    // A rejected invoke (no handler yet, main process or host gone) still
    // answers with the envelope, so the page only ever handles Results.
    calls[verb] = (request) =>
      invoke(name, request).catch((error: unknown): Result<never> =>
        failure({ code: 'unavailable', message: `${name}: ${toErrorInfo(error).message}` }),
      );
    domains.set(domain, calls);
  }
  const on = (name: unknown, listener: unknown): (() => void) => {
    if (!isEventName(name)) throw new Error(`offprint.on: unknown event ${String(name)}`);
    if (typeof listener !== 'function') throw new Error(`offprint.on: listener for ${name} is not a function`);
    return subscribe(name, (payload) => {
      (listener as (payload: unknown) => void)(payload);
    });
  };
  const api: Record<string, unknown> = { on };
  for (const [domain, calls] of domains) api[domain] = Object.freeze(calls);
  return Object.freeze(api) as unknown as OffprintApi;
}
