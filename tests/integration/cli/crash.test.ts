import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleStore, articleIdOf } from '../../../electron/core/store/ArticleStore.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

const LINES = 60_000;
const SOURCE = 'Crash Wire';
const cli = join(import.meta.dirname, '../../../electron/cli/offprint.ts');

let temp: ReturnType<typeof createTempDirectory>;
beforeAll(() => {
  temp = createTempDirectory('crash');
});
afterAll(() => {
  temp.dispose();
});

describe('a crash during import', () => {
  it('loses nothing that was reported committed and leaves a sound database', async () => {
    const file = join(temp.path, 'articles.jsonl');
    const body = 'Copper and cobalt shipments resumed after the port reopened. '.repeat(20);
    const lines = Array.from({ length: LINES }, (_, index) =>
      JSON.stringify({
        id: `crash-${index}`,
        title: `Shipment report ${index}`,
        body,
        source: SOURCE,
        date: '2025-09-07T08:00:00Z',
      }),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const dataDir = join(temp.path, 'data');

    const child = spawn(process.execPath, [cli, '--data-dir', dataDir, 'articles', 'import', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let reported = 0;
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const exit = new Promise<NodeJS.Signals | null>((resolve) => {
      child.on('exit', (_code, signal) => {
        resolve(signal);
      });
    });
    let buffer = '';
    child.stderr.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const match = /^committed (\d+) articles/.exec(line);
        if (match) reported = Number(match[1]);
        // Kill mid-way, between or during batch transactions.
        if (reported >= 5000 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      }
    });
    const signal = await exit;

    expect(signal).toBe('SIGKILL');
    expect(stdout).toBe(''); // it never got to print its summary: the kill really was mid-way
    expect(reported).toBeGreaterThanOrEqual(5000);

    const store = ArticleStore.open(join(dataDir, 'library.sqlite'));
    try {
      expect(store.reader.integrityCheck()).toBe('ok');
      const count = store.reader.countArticles();
      expect(count).toBeGreaterThanOrEqual(reported);
      expect(count).toBeLessThan(LINES);
      const feedUrl = `offprint-import:${encodeURIComponent(SOURCE)}`;
      const missing: number[] = [];
      for (let index = 0; index < reported; index += 1) {
        if (!store.reader.getArticleSummary(articleIdOf(feedUrl, `guid:crash-${index}`))) missing.push(index);
      }
      expect(missing).toEqual([]);
    } finally {
      store.close();
    }
  });
});
