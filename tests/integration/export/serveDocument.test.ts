import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintResources } from '../../../electron/core/export/Printer.ts';
import { serveDocument, type ServedDocument } from '../../../electron/server/serveDocument.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

let temp: ReturnType<typeof createTempDirectory>;
let served: ServedDocument;

beforeEach(async () => {
  temp = createTempDirectory('serve-document');
  const document = join(temp.path, 'brief.html');
  const image = join(temp.path, 'chart.png');
  writeFileSync(document, '<!doctype html><title>Brief</title><img src="images/chart.png">');
  writeFileSync(image, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const resources: PrintResources = {
    resolve: (path) => Promise.resolve(path === 'images/chart.png' ? { file: image, type: 'image/png' } : null),
  };
  served = await serveDocument(document, resources);
});

afterEach(async () => {
  await served.close();
  temp.dispose();
});

describe('serveDocument: one printing’s document and files, on 127.0.0.1 under a random path', () => {
  it('serves the document and the files it names, streamed from disk', async () => {
    expect(served.base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/$/);
    const page = await fetch(served.documentUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Brief</title>');
    const image = await fetch(`${served.base}images/chart.png`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await image.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('answers nothing else: other paths, other prefixes, other methods, malformed escapes', async () => {
    const origin = new URL(served.base).origin;
    expect((await fetch(`${served.base}images/other.png`)).status).toBe(404);
    expect((await fetch(`${origin}/brief.html`)).status).toBe(404);
    expect((await fetch(`${origin}/00000000000000000000000000000000/brief.html`)).status).toBe(404);
    expect((await fetch(served.documentUrl, { method: 'POST', body: 'x' })).status).toBe(404);
    expect((await fetch(`${served.base}%E0%A4%A`)).status).toBe(400);
    // The server is still there after all that.
    expect((await fetch(served.documentUrl)).status).toBe(200);
  });

  it('is gone once closed', async () => {
    await served.close();
    await expect(fetch(served.documentUrl)).rejects.toThrow();
  });
});
