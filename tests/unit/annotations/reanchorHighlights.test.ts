import { describe, expect, it } from 'vitest';
import { CONTEXT_LENGTH, QuoteLocator } from '../../../electron/core/annotations/QuoteLocator.ts';
import { reanchorHighlights, type HighlightAnchor } from '../../../electron/core/annotations/reanchorHighlights.ts';
import { seededRandom } from '../../support/seededRandom.ts';

/** A highlight of the `occurrence`-th copy of `quote` in `text`, anchored as highlights:add stores it. */
function highlightOf(text: string, quote: string, occurrence = 0, id = 1): HighlightAnchor {
  let start = -1;
  for (let seen = 0; seen <= occurrence; seen += 1) {
    start = text.indexOf(quote, start + 1);
    if (start < 0) throw new Error(`no copy ${occurrence} of ${JSON.stringify(quote)}`);
  }
  const range = { start, end: start + quote.length };
  return { id, quote, ...range, ...new QuoteLocator(text).context(range), status: 'anchored' };
}

function single(text: string, highlight: HighlightAnchor) {
  const [result] = reanchorHighlights(text, [highlight]);
  if (!result) throw new Error('no result');
  return result;
}

const REPORT =
  'Beijing tightened export licences for gallium on Monday. The commerce ministry said the rules protect ' +
  'national security. Traders expect prices to rise in Europe within weeks, and smelters are already ' +
  'rationing supply to their largest buyers.';

describe('reanchorHighlights', () => {
  it('leaves a highlight alone when the text is unchanged', () => {
    const highlight = highlightOf(REPORT, 'the rules protect national security');
    expect(single(REPORT, highlight)).toEqual({ ...highlight, changed: false });
  });

  it('moves a highlight with its passage when text is inserted before it', () => {
    const highlight = highlightOf(REPORT, 'Traders expect prices to rise');
    const updated = `Updated 14:00 GMT with the ministry's statement. ${REPORT}`;
    const result = single(updated, highlight);
    expect(result).toMatchObject({ status: 'anchored', changed: true, quote: highlight.quote });
    expect(result.start).toBe(highlight.start + "Updated 14:00 GMT with the ministry's statement. ".length);
    expect(updated.slice(result.start, result.end)).toBe(highlight.quote);
    expect(result.prefix).toBe(updated.slice(result.start - CONTEXT_LENGTH, result.start));
    expect(result.suffix).toBe(highlight.suffix);
  });

  it('keeps a highlight at the start of the text when a dateline is put before it', () => {
    const highlight = highlightOf(REPORT, 'Beijing tightened');
    expect(highlight.prefix).toBe('');
    const result = single(`BEIJING (Reuters) - ${REPORT}`, highlight);
    expect(result).toMatchObject({ status: 'anchored', start: 'BEIJING (Reuters) - '.length });
  });

  it('picks the copy of a repeated quote whose surroundings match, not the one now at the old position', () => {
    const text =
      'Copper: the ministry said supply is tight this quarter. ' +
      'Nickel: analysts said supply is tight for the rest of the year.';
    const highlight = highlightOf(text, 'said supply is tight', 1);
    // Text put before the paragraphs shifts the copper copy exactly onto the nickel copy's old place.
    const updated = `${'x'.repeat(highlight.start - text.indexOf(highlight.quote) - 1)} ${text}`;
    expect(updated.slice(highlight.start, highlight.end)).toBe(highlight.quote);
    const result = single(updated, highlight);
    expect(result.start).toBe(updated.lastIndexOf(highlight.quote));
    expect(updated.slice(result.start - 'analysts '.length, result.start)).toBe('analysts ');
  });

  it('picks the copy nearest the old position when the copies read the same around them', () => {
    const paragraph = 'Stocks fell on the news. ';
    const text = paragraph.repeat(6);
    const highlight = highlightOf(text, 'fell on the news', 4);
    // Nothing tells the copies apart but where they are: a short insertion keeps the right one nearest.
    const updated = `Oil: ${text}`;
    const result = single(updated, highlight);
    expect(result.start).toBe(highlight.start + 'Oil: '.length);
  });

  it('finds a passage whose white space changed and takes the new spelling', () => {
    const text = 'The ministry said the rules\nprotect national security.\n\nTraders expect';
    const highlight = highlightOf(text, 'the rules\nprotect national security.\n\nTraders');
    const updated = 'The ministry said the rules protect\u00a0national  security. Traders expect';
    const result = single(updated, highlight);
    expect(result).toMatchObject({
      status: 'anchored',
      changed: true,
      quote: 'the rules protect\u00a0national  security. Traders',
    });
    expect(updated.slice(result.start, result.end)).toBe(result.quote);
  });

  it('marks a highlight lost when its passage is gone, keeping what it was, and finds it again later', () => {
    const highlight = highlightOf(REPORT, 'smelters are already rationing supply');
    const rewritten = REPORT.replace('smelters are already rationing supply', 'smelters keep supplying');
    const lost = single(rewritten, highlight);
    expect(lost).toEqual({ ...highlight, status: 'lost', changed: true });
    // Lost again on the next update: nothing to write.
    expect(single(rewritten, lost)).toEqual({ ...lost, changed: false });
    // A later version brings the passage back.
    const found = single(`Correction: ${REPORT}`, lost);
    expect(found).toMatchObject({ status: 'anchored', changed: true, start: highlight.start + 'Correction: '.length });
  });

  it('re-anchors several highlights of one article independently', () => {
    const kept = highlightOf(REPORT, 'Beijing tightened export licences', 0, 1);
    const moved = highlightOf(REPORT, 'prices to rise in Europe', 0, 2);
    const gone = highlightOf(REPORT, 'largest buyers', 0, 3);
    const updated = REPORT.replace('Traders', 'Traders in London and Rotterdam').replace('largest buyers', 'clients');
    const results = reanchorHighlights(updated, [kept, moved, gone]);
    expect(results.map(({ id, status, changed }) => ({ id, status, changed }))).toEqual([
      { id: 1, status: 'anchored', changed: false },
      { id: 2, status: 'anchored', changed: true },
      { id: 3, status: 'lost', changed: true },
    ]);
    expect(updated.slice(results[1]?.start, results[1]?.end)).toBe('prices to rise in Europe');
  });

  it('anchors every surviving passage exactly, whatever is inserted or deleted around it (random edits)', () => {
    const random = seededRandom(5);
    const words = ['gallium', 'export', 'the', 'ministry', 'said', 'prices', 'rise', 'Europe', 'supply', 'tight'];
    const word = () => words[Math.floor(random() * words.length)] ?? 'x';
    let checked = 0;
    for (let round = 0; round < 200; round += 1) {
      const text = Array.from({ length: 60 }, word).join(random() < 0.5 ? ' ' : '\n');
      const quoteStart = text.indexOf(' ', Math.floor(random() * (text.length - 80))) + 1;
      const quote = text.slice(quoteStart, quoteStart + 25);
      const highlight = highlightOf(text, quote, countBefore(text, quote, quoteStart));
      // Insert before, or delete after, leaving the passage itself alone.
      const cut = Math.floor(random() * quoteStart);
      const updated =
        random() < 0.5
          ? `${text.slice(0, cut)}${Array.from({ length: 5 }, word).join(' ')} ${text.slice(cut)}`
          : `${text.slice(0, highlight.end)}${text.slice(highlight.end + Math.floor(random() * 40))}`;
      const result = single(updated, highlight);
      expect(result.status).toBe('anchored');
      expect(updated.slice(result.start, result.end)).toBe(quote);
      checked += 1;
    }
    expect(checked).toBe(200);
  });
});

function countBefore(text: string, quote: string, position: number): number {
  let count = 0;
  for (let at = text.indexOf(quote); at >= 0 && at < position; at = text.indexOf(quote, at + 1)) count += 1;
  return count;
}
