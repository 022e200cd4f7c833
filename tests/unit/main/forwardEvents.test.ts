import { describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../electron/core/EventHub.ts';
import { forwardEvents, type EventDestination } from '../../../electron/main/ipc/forwardEvents.ts';
import { ipcChannelOf } from '../../../electron/shared/contract.ts';
import type { AnyEventListener } from '../../../electron/shared/dispatch.ts';
import type { LibraryChange } from '../../../electron/shared/model.ts';

function fakeWebContents() {
  const destroyedListeners = new Set<() => void>();
  let destroyed = false;
  const webContents = {
    send: vi.fn(),
    isDestroyed: () => destroyed,
    once: (_event: 'destroyed', listener: () => void) => destroyedListeners.add(listener),
    removeListener: (_event: 'destroyed', listener: () => void) => destroyedListeners.delete(listener),
  } satisfies EventDestination;
  return {
    webContents,
    destroyedListeners,
    destroy() {
      destroyed = true;
      for (const listener of [...destroyedListeners]) listener();
      destroyedListeners.clear();
    },
    markDestroyedSilently() {
      destroyed = true;
    },
  };
}

const change: LibraryChange = { reason: 'articles', feedIds: [1] };

describe('forwardEvents', () => {
  it('sends contract events on their derived channel with the payload only', () => {
    const hub = new EventHub();
    const fake = fakeWebContents();
    forwardEvents({ events: hub, webContents: fake.webContents });
    hub.emit('library:changed', change);
    expect(fake.webContents.send).toHaveBeenCalledExactlyOnceWith(ipcChannelOf('library:changed'), change);
  });

  it('drops names that are not contract events', () => {
    let listener: AnyEventListener | undefined;
    const events = {
      subscribe: (added: AnyEventListener) => {
        listener = added;
        return () => undefined;
      },
    };
    const fake = fakeWebContents();
    forwardEvents({ events, webContents: fake.webContents });
    (listener as unknown as (name: string, payload: unknown) => void)('secrets:leak', { token: 'x' });
    expect(fake.webContents.send).not.toHaveBeenCalled();
  });

  it('stops when the webContents is destroyed', () => {
    const hub = new EventHub();
    const subscribe = vi.spyOn(hub, 'subscribe');
    const fake = fakeWebContents();
    forwardEvents({ events: hub, webContents: fake.webContents });
    const unsubscribe = subscribe.mock.results[0]?.value as () => boolean;
    fake.destroy();
    expect(unsubscribe()).toBe(false); // already removed from the hub
    hub.emit('library:changed', change);
    expect(fake.webContents.send).not.toHaveBeenCalled();
  });

  it('never sends to a webContents destroyed before its event fired', () => {
    const hub = new EventHub();
    const fake = fakeWebContents();
    forwardEvents({ events: hub, webContents: fake.webContents });
    fake.markDestroyedSilently();
    hub.emit('library:changed', change);
    expect(fake.webContents.send).not.toHaveBeenCalled();
    expect(fake.destroyedListeners.size).toBe(0);
  });

  it('returns a disposer that unsubscribes and detaches, safe to call twice', () => {
    const hub = new EventHub();
    const fake = fakeWebContents();
    const stop = forwardEvents({ events: hub, webContents: fake.webContents });
    stop();
    stop();
    hub.emit('library:changed', change);
    expect(fake.webContents.send).not.toHaveBeenCalled();
    expect(fake.destroyedListeners.size).toBe(0);
  });
});
