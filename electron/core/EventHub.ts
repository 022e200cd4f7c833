import type { EventName, EventPayloadOf } from '../shared/contract.ts';
import type { AnyEventListener, EventSink } from '../shared/dispatch.ts';

/**
 * Fans contract events out to subscribers (the IPC bridge, SSE clients, the
 * CLI's progress printer). A throwing listener is isolated from the others
 * and from the emitter: progress reporting must never break ingest.
 */
export class EventHub implements EventSink {
  readonly #listeners = new Set<AnyEventListener>();

  emit<Name extends EventName>(name: Name, payload: EventPayloadOf<Name>): void {
    for (const listener of this.#listeners) {
      try {
        listener(name, payload);
      } catch (error) {
        console.error(`EventHub: listener for ${name} threw:`, error);
      }
    }
  }

  /** Returns the disposer. */
  subscribe(listener: AnyEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
