import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildOffprintApi } from '../shared/buildOffprintApi.ts';
import { ipcChannelOf } from '../shared/contract.ts';

/**
 * The page's only door to the library: `window.offprint`, derived from the
 * contract. Built as CommonJS because sandboxed preloads cannot be ESM.
 */
const api = buildOffprintApi({
  invoke: (name, request) => ipcRenderer.invoke(ipcChannelOf(name), request),
  subscribe: (name, listener) => {
    const channel = ipcChannelOf(name);
    // The IpcRendererEvent carries `sender` (ipcRenderer itself): never let it reach the page.
    const receive = (_event: IpcRendererEvent, payload: unknown) => {
      listener(payload);
    };
    ipcRenderer.on(channel, receive);
    return () => {
      ipcRenderer.removeListener(channel, receive);
    };
  },
});

contextBridge.exposeInMainWorld('offprint', api);
