import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleFileName, safeFileName, uniqueFileNames } from '../../../electron/core/export/fileNames.ts';
import { exportArticle } from './exportArticle.ts';

/** What every system accepts: the rules a name must keep whatever the title was. */
function expectPortable(name: string): void {
  expect(name).not.toBe('');
  expect(name).not.toMatch(/[/\\:*?"<>|]/);
  expect(name).not.toMatch(/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u);
  expect(name).not.toMatch(/^[.\s-]/);
  expect(name).not.toMatch(/[.\s]$/);
  expect(name).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\s*\.|$)/i);
  expect(name.isWellFormed()).toBe(true);
  expect(name.normalize('NFC')).toBe(name);
  expect(name.length).toBeLessThanOrEqual(150);
  expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
}

/** An article with no usable dates or source: the title alone makes the name. */
function titleOnly(title: string) {
  return exportArticle({ title, publishedAt: null, fetchedAt: 'not a date', siteName: null, feedTitle: null });
}

describe('articleFileName', () => {
  it('names a file by day, title and source', () => {
    expect(articleFileName(exportArticle(), 'pdf')).toBe('2025-09-07 Magnet export curbs widen — Example Wire.pdf');
    expect(articleFileName(exportArticle(), '.md')).toBe('2025-09-07 Magnet export curbs widen — Example Wire.md');
  });

  it('takes the UTC day, the fetched day when no date was published, and the feed when the page named no site', () => {
    const late = exportArticle({ publishedAt: '2025-09-07T23:30:00-05:00' });
    expect(articleFileName(late, 'pdf')).toMatch(/^2025-09-08 /);
    const undated = exportArticle({ publishedAt: null, siteName: null });
    expect(articleFileName(undated, 'pdf')).toBe('2025-09-08 Magnet export curbs widen — Example Wire feed.pdf');
    const summary = { title: 'A summary', publishedAt: null, fetchedAt: '2025-01-02T00:00:00Z', feedTitle: null };
    expect(articleFileName(summary, 'pdf')).toBe('2025-01-02 A summary.pdf');
  });

  it('replaces the characters Windows or any system refuses with readable stand-ins', () => {
    const name = articleFileName(
      exportArticle({ title: 'Gold: a primer / part 1 "quoted" <b> a|b * at 10:30? \\ end' }),
      'pdf',
    );
    expect(name).toBe("2025-09-07 Gold - a primer - part 1 'quoted' ‹b› a-b - at 10-30 - end — Example Wire.pdf");
    expectPortable(name);
  });

  it('keeps a path out of the name: ../../etc/passwd stays one file in the folder', () => {
    for (const title of ['../../etc/passwd', '..\\..\\Windows\\System32', '/etc/shadow', '..']) {
      const name = articleFileName(titleOnly(title), 'pdf');
      expectPortable(name);
      const folder = resolve('/exports');
      expect(resolve(join(folder, name)).startsWith(`${folder}/`)).toBe(true);
    }
    expect(articleFileName(titleOnly('../../etc/passwd'), 'pdf')).toBe('etc-passwd.pdf');
  });

  it('keeps clear of Windows device names, with or without an extension', () => {
    expect(articleFileName(titleOnly('CON'), 'pdf')).toBe('CON_.pdf');
    expect(articleFileName(titleOnly('nul.txt'), 'pdf')).toBe('nul_.txt.pdf');
    expect(articleFileName(titleOnly('com1'), '')).toBe('com1_');
    expect(articleFileName(titleOnly('LPT9 '), 'md')).toBe('LPT9_.md');
    expect(articleFileName(titleOnly('Console wars'), 'pdf')).toBe('Console wars.pdf');
    // With the date in front, CON is just a word.
    expect(articleFileName(exportArticle({ title: 'CON' }), 'pdf')).toBe('2025-09-07 CON — Example Wire.pdf');
  });

  it('removes control and bidirectional characters (a name cannot pretend to end in .pdf)', () => {
    const name = articleFileName(titleOnly('Invoice\u202Efdp.exe\u0000\u0007\u200B\u2066x\u2069'), 'pdf');
    expect(name).toBe('Invoicefdp.exex.pdf');
  });

  it('keeps emoji and accents whole, in NFC', () => {
    expect(articleFileName(titleOnly('🧲 Magnets 👩‍👩‍👧 family'), 'pdf')).toBe('🧲 Magnets 👩‍👩‍👧 family.pdf');
    expect(articleFileName(titleOnly('Cafe\u0301 cre\u0300me'), 'pdf')).toBe('Caf\u00e9 cr\u00e8me.pdf');
  });

  it('folds white space and never ends in dots or spaces', () => {
    expect(articleFileName(titleOnly('  Tabs\tand\nnewlines   here...  '), 'pdf')).toBe('Tabs and newlines here.pdf');
    expect(articleFileName(titleOnly('Trailing dots...'), '')).toBe('Trailing dots');
  });

  it('is never empty: blank, dot-only or all-invisible titles become Untitled', () => {
    for (const title of ['', '   ', '....', '. . .', '\u202E\u200B', '???', '-']) {
      expect(articleFileName(titleOnly(title), 'pdf')).toBe('Untitled.pdf');
    }
    expect(articleFileName(exportArticle({ title: '....' }), 'pdf')).toBe('2025-09-07 Untitled — Example Wire.pdf');
  });

  it('cuts a 500-character title at a word, keeps the day and the source, and stays under 150 units', () => {
    const title = Array.from({ length: 100 }, (_, index) => `word${index}`).join(' ');
    const name = articleFileName(exportArticle({ title }), 'pdf');
    expectPortable(name);
    expect(name).toMatch(/^2025-09-07 word0 word1 .* word\d+… — Example Wire\.pdf$/);
    expect(name.length).toBeGreaterThan(120);
  });

  it('never cuts an emoji or a surrogate pair, and keeps CJK names within the byte limit', () => {
    const emoji = articleFileName(exportArticle({ title: '🧲👩‍👩‍👧'.repeat(100) }), 'pdf');
    expectPortable(emoji);
    const kept = emoji.slice('2025-09-07 '.length, emoji.indexOf('…'));
    const graphemes = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(kept)].map(
      (part) => part.segment,
    );
    expect(graphemes.length).toBeGreaterThan(10);
    expect(graphemes.filter((grapheme) => grapheme !== '🧲' && grapheme !== '👩‍👩‍👧')).toEqual([]);
    const cjk = articleFileName(exportArticle({ title: '稀土磁铁出口管制扩大'.repeat(50) }), 'pdf');
    expectPortable(cjk);
    expect(Buffer.byteLength(cjk)).toBeLessThanOrEqual(240);
  });

  it('cuts a rambling source name short', () => {
    const name = articleFileName(exportArticle({ siteName: 'The Very Long Name Of A Wire '.repeat(10) }), 'pdf');
    expectPortable(name);
    expect(name).toMatch(/^2025-09-07 Magnet export curbs widen — The Very Long Name.*….pdf$/);
  });

  it('drops an extension that is not a short run of letters and digits', () => {
    expect(articleFileName(titleOnly('x'), '../pdf')).toBe('x');
    expect(articleFileName(titleOnly('x'), 'tar.gz')).toBe('x');
  });

  it('gives a portable name for any title and source (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 600 }),
        fc.option(fc.string({ unit: 'binary', maxLength: 200 })),
        fc.option(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('2999-12-31') })),
        (title, siteName, published) => {
          const article = exportArticle({ title, siteName, publishedAt: published?.toISOString() ?? null });
          expectPortable(articleFileName(article, 'pdf'));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('safeFileName', () => {
  it('makes any text a portable name', () => {
    expect(safeFileName('Saved articles 2026-11-28', 'pdf')).toBe('Saved articles 2026-11-28.pdf');
    expect(safeFileName('../Brief: Q3?', 'html')).toBe('Brief - Q3.html');
    expect(safeFileName('aux', '')).toBe('aux_');
    expect(safeFileName('', 'md')).toBe('Untitled.md');
    expectPortable(safeFileName('x'.repeat(400), 'pdf'));
  });
});

describe('uniqueFileNames', () => {
  it('numbers repeats that differ only in case, before the extension', () => {
    expect(uniqueFileNames(['a.pdf', 'A.pdf', 'a.pdf', 'b.pdf'])).toEqual(['a.pdf', 'A (2).pdf', 'a (3).pdf', 'b.pdf']);
  });

  it('never takes a name the list already holds', () => {
    expect(uniqueFileNames(['a.pdf', 'a.pdf', 'a (2).pdf'])).toEqual(['a.pdf', 'a (3).pdf', 'a (2).pdf']);
  });

  it('numbers names without an extension at the end, and treats NFC and NFD spellings as one', () => {
    expect(uniqueFileNames(['Dr. Who', 'dr. who'])).toEqual(['Dr. Who', 'dr. who (2)']);
    expect(uniqueFileNames(['Caf\u00e9.md', 'Cafe\u0301.md'])).toEqual(['Caf\u00e9.md', 'Cafe\u0301 (2).md']);
  });

  it('always returns as many names, all distinct ignoring case (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a.pdf', 'A.pdf', 'a (2).pdf', 'b', 'B', 'b (2)', 'c.md'), { maxLength: 30 }),
        (names) => {
          const unique = uniqueFileNames(names);
          expect(unique).toHaveLength(names.length);
          expect(new Set(unique.map((name) => name.toLowerCase())).size).toBe(names.length);
        },
      ),
    );
  });
});
