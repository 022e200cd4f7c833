import { fileURLToPath } from 'node:url';

/*
 * Files the app ships in assets/, found two folders up from this module: both here (electron/core/) and in
 * the Electron bundle (out/main/, where this module is inlined), as electron-builder.yml packs assets/
 * beside out/. Keep this module at this depth.
 */

/** The sample library (`library:loadSample`). */
export const SAMPLE_LIBRARY_FILE = fileURLToPath(new URL('../../assets/sample-library.jsonl', import.meta.url));

/** The PDF brief's stylesheet. */
export const PRINT_STYLESHEET_FILE = fileURLToPath(new URL('../../assets/print.css', import.meta.url));
