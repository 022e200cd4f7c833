import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callNames, ipcChannelOf } from '../../../electron/shared/contract.ts';
import type { OffprintApi } from '../../../electron/shared/contract.ts';

const fake = vi.hoisted(() => {
  type Listener = (event: unknown, ...args: unknown[]) => void;
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<Listener>>();
  const ipcRenderer = {
    invoke: vi.fn((_channel: string, _request: unknown) => Promise.resolve<unknown>({ ok: true, value: 'pong' })),
    on: vi.fn((channel: string, listener: Listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(channel, set);
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener);
    }),
  };
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      exposed.set(key, api);
    }),
  };
  return { exposed, listeners, ipcRenderer, contextBridge };
});

vi.mock('electron', () => ({ contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer }));

beforeEach(async () => {
  vi.clearAllMocks();
  fake.exposed.clear();
  fake.listeners.clear();
  vi.resetModules();
  await import('../../../electron/preload/index.ts');
});

function exposedApi(): OffprintApi {
  return fake.exposed.get('offprint') as OffprintApi;
}

describe('electron/preload', () => {
  it('exposes exactly one global, offprint', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect([...fake.exposed.keys()]).toEqual(['offprint']);
  });

  it('routes a call through ipcRenderer.invoke on the derived channel', async () => {
    await expect(exposedApi().feeds.remove({ feedId: 3 })).resolves.toEqual({ ok: true, value: 'pong' });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(ipcChannelOf('feeds:remove'), { feedId: 3 });
    expect(callNames).toContain('feeds:remove');
  });

  it('gives event listeners the payload only, never the IpcRendererEvent, and unsubscribes', () => {
    const listener = vi.fn();
    const stop = exposedApi().on('library:changed', listener);
    const channel = ipcChannelOf('library:changed');
    const ipcEvent = { sender: fake.ipcRenderer, senderId: 0, ports: [] };
    for (const receive of fake.listeners.get(channel) ?? []) receive(ipcEvent, { reason: 'feeds', feedIds: [2] });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ reason: 'feeds', feedIds: [2] });
    stop();
    expect(fake.listeners.get(channel)?.size).toBe(0);
  });

  it('refuses to subscribe to anything that is not a contract event', () => {
    const on = exposedApi().on as (name: string, listener: () => void) => () => void;
    expect(() => on('offprint:feeds:add', () => undefined)).toThrow(/unknown event/);
    expect(fake.ipcRenderer.on).not.toHaveBeenCalled();
  });
});
