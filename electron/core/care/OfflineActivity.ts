import type { AnyEventListener } from '../../shared/dispatch.ts';
import type { OfflineEvent } from '../../shared/model.ts';

export interface EventSource {
  subscribe(listener: AnyEventListener): () => void;
}

/**
 * Whether a full-text and image pass (OfflinePreparer) is running, told by its `offline:progress` events.
 *
 * A pass stores an image file first and its rows later; if the file was already there it writes nothing and
 * only adds the rows. Removing unused images while a pass runs could take a file away between the two, so
 * the image collector waits until no pass runs, then works with no `await` until it is done with a batch.
 * Every pass ends with `finished`, cancelled ones too.
 */
export class OfflineActivity {
  #running = 0;
  #waiting: (() => void)[] = [];
  readonly #unsubscribe: () => void;

  constructor(events: EventSource) {
    this.#unsubscribe = events.subscribe((name, payload) => {
      if (name !== 'offline:progress') return;
      const event = payload as OfflineEvent;
      if (event.kind === 'started') this.#running += 1;
      if (event.kind === 'finished') {
        this.#running = Math.max(0, this.#running - 1);
        if (this.#running === 0) this.#release();
      }
    });
  }

  get idle(): boolean {
    return this.#running === 0;
  }

  /** Resolves once no pass runs (at once when none does). Check `idle` again after: another may have started. */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  dispose(): void {
    this.#unsubscribe();
    this.#running = 0;
    this.#release();
  }

  #release(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const resolve of waiting) resolve();
  }
}
