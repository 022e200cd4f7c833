export type Disposer = () => void | Promise<void>;

/**
 * What the app must release on quit, released in reverse order of
 * acquisition (window forwarding before IPC handlers before the library).
 * One failing disposer is reported and does not stop the others: a quit
 * that half-runs leaves the library open.
 */
export class DisposerStack {
  readonly #disposers: Disposer[] = [];
  readonly #onError: (error: unknown) => void;

  constructor(
    onError: (error: unknown) => void = (error) => {
      console.error('DisposerStack: dispose failed:', error);
    },
  ) {
    this.#onError = onError;
  }

  add(disposer: Disposer): void {
    this.#disposers.push(disposer);
  }

  async disposeAll(): Promise<void> {
    for (let disposer = this.#disposers.pop(); disposer !== undefined; disposer = this.#disposers.pop()) {
      try {
        await disposer();
      } catch (error) {
        this.#onError(error);
      }
    }
  }
}
