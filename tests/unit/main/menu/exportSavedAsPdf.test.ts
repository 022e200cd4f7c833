import { describe, expect, it, vi } from 'vitest';
import { exportSavedAsPdf } from '../../../../electron/main/menu/exportSavedAsPdf.ts';
import { callNames, type Handlers } from '../../../../electron/shared/contract.ts';
import { OffprintError } from '../../../../electron/shared/errors.ts';

function handlersWith(exportPdf: ReturnType<typeof vi.fn>): Handlers {
  return {
    ...Object.fromEntries(callNames.map((name) => [name, vi.fn()])),
    'export:pdf': exportPdf,
  } as unknown as Handlers;
}

const REPORT = {
  format: 'pdf',
  files: ['/home/ana/Saved articles.pdf'],
  articles: 12,
  pages: 31,
  bytes: 1000,
  missingImages: [{}],
  refused: [],
  cancelled: false,
  durationMs: 900,
};

describe('exportSavedAsPdf', () => {
  it('exports the saved list to the chosen file through export:pdf and says what was written', async () => {
    const exportPdf = vi.fn(() => Promise.resolve(REPORT));
    const outcome = await exportSavedAsPdf(handlersWith(exportPdf), '/home/ana/Saved articles.pdf');
    expect(exportPdf).toHaveBeenCalledWith(
      expect.objectContaining({
        selection: { kind: 'saved' },
        destination: '/home/ana/Saved articles.pdf',
        perArticle: false,
      }),
    );
    expect(outcome).toEqual({
      ok: true,
      message: 'Exported 12 saved articles to Saved articles.pdf.',
      detail: '31 pages. 1 article had images that were not saved for offline reading.',
    });
  });

  it('says why when the library refuses, and when it was cancelled', async () => {
    const refusing = vi.fn(() =>
      Promise.reject(new OffprintError('bad-request', 'export: there are no saved articles to export')),
    );
    expect(await exportSavedAsPdf(handlersWith(refusing), '/tmp/x.pdf')).toEqual({
      ok: false,
      message: 'Offprint could not export your saved articles.',
      detail: 'export: there are no saved articles to export',
    });
    const cancelled = vi.fn(() => Promise.resolve({ ...REPORT, cancelled: true }));
    expect((await exportSavedAsPdf(handlersWith(cancelled), '/tmp/x.pdf')).message).toBe('The export was cancelled.');
  });
});
