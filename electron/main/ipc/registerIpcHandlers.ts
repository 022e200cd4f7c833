import { ipcMain as electronIpcMain, type IpcMain, type IpcMainInvokeEvent } from 'electron';
import { callNames, ipcChannelOf, type Handlers } from '../../shared/contract.ts';
import { dispatchCall } from '../../shared/dispatch.ts';
import { failure } from '../../shared/errors.ts';
import type { SenderFrame } from './isTrustedSender.ts';

export interface RegisterIpcHandlersOptions {
  /** Defaults to Electron's; injected by tests. Only this folder may touch ipcMain (shared/STYLE.md §2). */
  readonly ipcMain?: Pick<IpcMain, 'handle' | 'removeHandler'>;
  readonly handlers: Handlers;
  readonly isTrustedSender: (frame: SenderFrame | null) => boolean;
}

/**
 * One `ipcMain.handle` per contract call: check the sender, then the shared
 * dispatch path (schema → handler → result envelope). Returns the disposer
 * that removes every handler it added.
 */
export function registerIpcHandlers({
  ipcMain = electronIpcMain,
  handlers,
  isTrustedSender,
}: RegisterIpcHandlersOptions): () => void {
  const channels: string[] = [];
  for (const name of callNames) {
    const channel = ipcChannelOf(name);
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame)) {
        return failure({
          code: 'forbidden',
          message: `${name}: refused a call from ${frame === null ? 'a missing frame' : `untrusted frame ${frame.url}`}`,
        });
      }
      return dispatchCall(handlers, name, payload);
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels.splice(0)) ipcMain.removeHandler(channel);
  };
}
