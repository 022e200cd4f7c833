import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Work directories library care makes in the data directory while it writes or reads a backup. */
export const WORK_DIRECTORY = /^(backup-work|restore-incoming)-[0-9a-f-]{36}$/;

const DAY_MS = 24 * 3_600_000;

/**
 * Removes work directories left by a backup or restore that was killed more than a day ago. Younger ones
 * may belong to one running now in another process (the CLI beside the app).
 */
export async function removeStaleWorkDirectories(dataDir: string, now: Date): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  for (const name of names) {
    if (!WORK_DIRECTORY.test(name)) continue;
    const path = join(dataDir, name);
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory() === true && now.getTime() - info.mtimeMs > DAY_MS) {
      await rm(path, { recursive: true, force: true });
    }
  }
}
