import { callNames, ipcChannelOf, isEventName, splitCallName, type OffprintApi } from '../shared/contract.ts';
import { failure, toErrorInfo, type Result } from '../shared/errors.ts';

/** The raw transport underneath `window.offprint`; in the app, ipcRenderer. */
export interface OffprintTransport {
  readonly invoke: (channel: string, request: unknown) => Promise<unknown>;
  /** Must hand the listener the payload only, and return the unsubscribe. */
  readonly subscribe: (channel: string, listener: (payload: unknown) => void) => () => void;
}

type Call = (request: unknown) => Promise<unknown>;

/**
 * Builds `window.offprint` from the contract: one function per call, grouped
 * by domain, plus `on` for the contract's events. Nothing generic (no send,
 * no invoke by channel) is reachable from the page.
 */
export function buildOffprintApi({ invoke, subscribe }: OffprintTransport): OffprintApi {
  const domains = new Map<string, Record<string, Call>>();
  for (const name of callNames) {
    const [domain, verb] = splitCallName(name);
    if (domain === 'on') throw new Error(`buildOffprintApi: call ${name} would shadow offprint.on`);
    const calls = domains.get(domain) ?? {};
    const channel = ipcChannelOf(name);
    // A rejected invoke (no handler yet, main process gone) still answers with
    // the envelope, so the page only ever handles Results.
    calls[verb] = (request) =>
      invoke(channel, request).catch((error: unknown): Result<never> =>
        failure({ code: 'unavailable', message: `${name}: ${toErrorInfo(error).message}` }),
      );
    domains.set(domain, calls);
  }
  const on = (name: unknown, listener: unknown): (() => void) => {
    if (!isEventName(name)) throw new Error(`offprint.on: unknown event ${String(name)}`);
    if (typeof listener !== 'function') throw new Error(`offprint.on: listener for ${name} is not a function`);
    return subscribe(ipcChannelOf(name), (payload) => {
      (listener as (payload: unknown) => void)(payload);
    });
  };
  const api: Record<string, unknown> = { on };
  for (const [domain, calls] of domains) api[domain] = Object.freeze(calls);
  return Object.freeze(api) as unknown as OffprintApi;
}
