import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExtractionError } from '../../../../electron/core/extract/article/ExtractionError.ts';
import { extractArticle } from '../../../../electron/core/extract/article/extractArticle.ts';
import { ExtractWorkerPool } from '../../../../electron/core/extract/article/ExtractWorkerPool.ts';
import { describeExtractFailure } from '../../../../electron/core/extract/article/extractWorker.ts';

const seedShaped = readFileSync(
  join(import.meta.dirname, '..', '..', '..', 'fixtures', 'extract', 'seed-shaped.html'),
  'utf8',
);
const URL = 'https://ledger.example/markets/2026/11/17/copper-shipments-resume';

describe('describeExtractFailure', () => {
  it('sends an ExtractionError back as its code, URL and message, anything else as internal', () => {
    const extraction = new ExtractionError('not-html', URL, 'not an HTML page');
    expect(describeExtractFailure(extraction, { html: '', url: URL })).toEqual({
      code: 'not-html',
      url: URL,
      message: extraction.message,
    });
    expect(describeExtractFailure(new RangeError('stack overflow'), { html: '', url: URL })).toEqual({
      code: 'internal',
      url: URL,
      message: `extractWorker: extracting ${URL} failed: stack overflow`,
    });
  });
});

describe('ExtractWorkerPool', () => {
  let pool: ExtractWorkerPool | null = null;
  afterEach(async () => {
    await pool?.dispose();
    pool = null;
  });

  it('extracts pages in worker threads with the same result as in-thread', async () => {
    pool = new ExtractWorkerPool({ size: 2 });
    const [first, second] = await Promise.all([pool.extract(seedShaped, URL), pool.extract(seedShaped, URL)]);
    const inThread = extractArticle(seedShaped, URL);
    expect(first).toEqual(inThread);
    expect(second).toEqual(inThread);
  });

  it('rejects a failed page with an ExtractionError carrying its code and URL', async () => {
    pool = new ExtractWorkerPool({ size: 1 });
    const failure = await pool.extract('{"not":"html"}', URL).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExtractionError);
    expect(failure).toMatchObject({ code: 'not-html', url: URL });
    // The worker keeps serving after a failed page.
    await expect(pool.extract(seedShaped, URL)).resolves.toMatchObject({ method: 'readability' });
  });

  it('rejects queued pages on dispose and refuses new ones', async () => {
    pool = new ExtractWorkerPool({ size: 1 });
    const settled = Promise.allSettled([pool.extract(seedShaped, URL), pool.extract(seedShaped, URL)]);
    await pool.dispose();
    for (const result of await settled) expect(result.status).toBe('rejected');
    await expect(pool.extract(seedShaped, URL)).rejects.toThrow(/after dispose/);
  });
});
