import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDirectory } from '../../support/tempDirectory.ts';

const cli = join(import.meta.dirname, '../../../electron/cli/offprint.ts');

let temp: ReturnType<typeof createTempDirectory>;
beforeAll(() => {
  temp = createTempDirectory('serve');
});
afterAll(() => {
  temp.dispose();
});

describe('offprint serve', () => {
  it('prints a token URL on 127.0.0.1, answers contract calls with it, refuses them without, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, '--data-dir', temp.path, 'serve', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exit = new Promise<number | null>((resolve) => {
      child.on('exit', (code) => {
        resolve(code);
      });
    });
    try {
      const url = await new Promise<URL>((resolve, reject) => {
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /Open (http\S+)/.exec(stdout);
          if (match?.[1]) resolve(new URL(match[1]));
        });
        child.on('exit', () => {
          reject(new Error(`serve exited early: ${stdout}`));
        });
      });
      expect(url.hostname).toBe('127.0.0.1');
      const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
      expect(token).toMatch(/^[0-9a-f]{64}$/);

      const endpoint = new URL('/api/calls/app:info', url.origin);
      const answered = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(await answered.json()).toMatchObject({ ok: true, value: { name: 'Offprint', dataDir: temp.path } });

      const refused = await fetch(endpoint, { method: 'POST', body: '{}' });
      expect(refused.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit).toBe(0);
  });
});
