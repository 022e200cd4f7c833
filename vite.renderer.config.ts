import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built once and served as files: by the Node host over
// http://127.0.0.1 and by Electron from disk. `base: './'` keeps asset links
// relative so both work.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    // outDir lies outside root, so Vite only empties it when told to.
    emptyOutDir: true,
    sourcemap: true,
  },
});
