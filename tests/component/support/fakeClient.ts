import { buildOffprintApi } from '../../../electron/shared/buildOffprintApi.ts';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import { dispatchCall } from '../../../electron/shared/dispatch.ts';
import { createMemoryLibrary, type MemoryLibrary } from '../../support/createMemoryLibrary.ts';

export interface FakeClient {
  /** What components receive as `client`: the real OffprintApi shape, built by buildOffprintApi. */
  readonly client: OffprintApi;
  /** The in-memory library behind it: seed it, read `received`, queue failures, emit events. */
  readonly library: MemoryLibrary;
  /** The requests of every call named `name` so far, in order. */
  requestsOf(name: string): unknown[];
}

/**
 * A typed in-memory OffprintApi for component tests. Calls take the same
 * path as in the app (the contract's schema parses each request, the handler
 * runs, the answer comes back in the result envelope), so a component that
 * sends a malformed request fails here as it would against the library.
 */
export function createFakeClient(library: MemoryLibrary = createMemoryLibrary()): FakeClient {
  const client = buildOffprintApi({
    invoke: (name, request) => dispatchCall(library.handlers, name, request),
    subscribe: (name, listener) =>
      library.events.subscribe((emitted, payload) => {
        if (emitted === name) listener(payload);
      }),
  });
  return {
    client,
    library,
    requestsOf: (name) => library.received.filter((entry) => entry.name === name).map((entry) => entry.request),
  };
}
