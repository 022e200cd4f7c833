import { ipcChannelOf, isEventName } from '../../shared/contract.ts';
import type { AnyEventListener } from '../../shared/dispatch.ts';

/** The part of EventHub that forwarding needs. */
export interface EventSource {
  subscribe(listener: AnyEventListener): () => void;
}

/** The part of Electron's WebContents that forwarding needs. */
export interface EventDestination {
  send(channel: string, ...payload: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
  removeListener(event: 'destroyed', listener: () => void): unknown;
}

export interface ForwardEventsOptions {
  readonly events: EventSource;
  readonly webContents: EventDestination;
}

/**
 * Pushes library events to one window on their contract channels. Stops by
 * itself when the window's webContents is destroyed; the returned disposer
 * stops it earlier (and is safe to call twice).
 */
export function forwardEvents({ events, webContents }: ForwardEventsOptions): () => void {
  let unsubscribe: (() => void) | undefined;
  const stop = () => {
    if (unsubscribe === undefined) return;
    unsubscribe();
    unsubscribe = undefined;
    webContents.removeListener('destroyed', stop);
  };
  unsubscribe = events.subscribe((name, payload) => {
    // The hub is typed, but only contract events may ever reach the page.
    if (!isEventName(name)) return;
    // Sending to a destroyed webContents throws; 'destroyed' may not have fired yet.
    if (webContents.isDestroyed()) {
      stop();
      return;
    }
    webContents.send(ipcChannelOf(name), payload);
  });
  webContents.once('destroyed', stop);
  return stop;
}
