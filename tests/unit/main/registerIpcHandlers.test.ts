import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { callNames, ipcChannelOf, type CallName, type Handlers } from '../../../electron/shared/contract.ts';
import { isTrustedSender, type SenderFrame } from '../../../electron/main/ipc/isTrustedSender.ts';
import { registerIpcHandlers } from '../../../electron/main/ipc/registerIpcHandlers.ts';

// registerIpcHandlers defaults to Electron's ipcMain; the tests inject a fake instead.
vi.mock('electron', () => ({ ipcMain: { handle: vi.fn(), removeHandler: vi.fn() } }));

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    handle(channel: string, listener: Listener) {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener);
    },
    removeHandler(channel: string) {
      listeners.delete(channel);
    },
  };
}

function fakeHandlers() {
  const calls = Object.fromEntries(
    callNames.map((name) => [name, vi.fn((request: unknown) => Promise.resolve({ name, request }))]),
  );
  return { calls: calls as Record<CallName, ReturnType<typeof vi.fn>>, handlers: calls as unknown as Handlers };
}

const appFrame: SenderFrame = { url: 'offprint-app://renderer/index.html', parent: null };
const trustedOrigins = ['offprint-app://renderer'];

function eventFrom(frame: SenderFrame | null): IpcMainInvokeEvent {
  return { senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

describe('registerIpcHandlers', () => {
  let ipcMain: ReturnType<typeof fakeIpcMain>;
  let fake: ReturnType<typeof fakeHandlers>;
  let dispose: () => void;

  beforeEach(() => {
    ipcMain = fakeIpcMain();
    fake = fakeHandlers();
    dispose = registerIpcHandlers({
      ipcMain,
      handlers: fake.handlers,
      isTrustedSender: (frame) => isTrustedSender(frame, trustedOrigins),
    });
  });

  function invoke(name: CallName, frame: SenderFrame | null, payload: unknown): Promise<unknown> {
    const listener = ipcMain.listeners.get(ipcChannelOf(name));
    if (listener === undefined) throw new Error(`no handler for ${name}`);
    return Promise.resolve(listener(eventFrom(frame), payload));
  }

  it('registers one handler per contract call, on the derived channel', () => {
    expect([...ipcMain.listeners.keys()].sort()).toEqual(callNames.map((name) => ipcChannelOf(name)).sort());
  });

  it.each([
    ['another origin', { url: 'https://evil.test/index.html', parent: null }],
    ['a look-alike custom-scheme host', { url: 'offprint-app://renderer.evil/index.html', parent: null }],
    ['a file URL', { url: 'file:///work/main/out/renderer/index.html', parent: null }],
    ['a sub-frame of the app', { url: 'offprint-app://renderer/index.html', parent: appFrame }],
    ['a missing senderFrame', null],
  ])('refuses %s with forbidden and never calls the handler', async (_label, frame) => {
    const result = await invoke('feeds:remove', frame, { feedId: 3 });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fake.calls['feeds:remove']).not.toHaveBeenCalled();
  });

  it('answers a malformed payload with bad-request without calling the handler', async () => {
    const result = await invoke('feeds:remove', appFrame, { feedId: 'three' });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(fake.calls['feeds:remove']).not.toHaveBeenCalled();
  });

  it('refuses unknown fields (the schemas are strict)', async () => {
    const result = await invoke('app:info', appFrame, { extra: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('passes a good payload, parsed and defaulted, to the handler and wraps the answer', async () => {
    const result = await invoke('articles:list', appFrame, { unread: true });
    expect(fake.calls['articles:list']).toHaveBeenCalledWith({ unread: true, sort: 'newest', limit: 50, offset: 0 });
    expect(result).toEqual({
      ok: true,
      value: { name: 'articles:list', request: { unread: true, sort: 'newest', limit: 50, offset: 0 } },
    });
  });

  it('turns a throwing handler into an error envelope', async () => {
    fake.calls['feeds:list'].mockRejectedValueOnce(new Error('feeds:list: database is closed'));
    const result = await invoke('feeds:list', appFrame, {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'feeds:list: database is closed' } });
  });

  it('removes every handler on dispose, and disposing twice is harmless', () => {
    dispose();
    expect(ipcMain.listeners.size).toBe(0);
    expect(() => {
      dispose();
    }).not.toThrow();
  });
});
