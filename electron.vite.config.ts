import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

// Three builds under out/: main (ESM, package.json is "type": "module"),
// preload (CJS) and the React renderer served from offprint-app://renderer/.
export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // The worker entries stand alone: worker threads load them by file (out/main/indexWorker.js, extractWorker.js).
      lib: {
        entry: {
          index: resolve(root, 'electron/main/index.ts'),
          indexWorker: resolve(root, 'electron/core/search/worker/indexWorker.ts'),
          extractWorker: resolve(root, 'electron/core/extract/article/extractWorker.ts'),
        },
        formats: ['es'],
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      lib: { entry: resolve(root, 'electron/preload/index.ts'), formats: ['cjs'] },
      // A sandboxed preload can require('electron') and nothing else, so zod
      // (reached through the contract) must be bundled in, not left as require('zod').
      externalizeDeps: false,
      rolldownOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
