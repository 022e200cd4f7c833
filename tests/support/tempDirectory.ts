import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway directory and its disposer; tests call `dispose` in afterEach/afterAll. */
export function createTempDirectory(prefix: string): { path: string; dispose: () => void } {
  const path = mkdtempSync(join(tmpdir(), `offprint-${prefix}-`));
  return {
    path,
    dispose: () => {
      rmSync(path, { recursive: true, force: true });
    },
  };
}
