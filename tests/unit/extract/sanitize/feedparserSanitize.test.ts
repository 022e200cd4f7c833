import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../../electron/core/extract/htmlToText.ts';
import { sanitizeHtml } from '../../../../electron/core/extract/sanitizeHtml.ts';
import { parseFeed } from '../../../../electron/core/feeds/parseFeed.ts';
import { testdataDirectory } from '../../../support/testdataDirectory.ts';
import { unsafeMarkup } from './unsafeMarkup.ts';

const FEEDPARSER = testdataDirectory('feeds', 'feedparser');
const SUBSET = 'wellformed/sanitize';
const DOCUMENT_URL = 'http://example.com/feed.xml';

interface Check {
  readonly path: readonly (string | number)[];
  readonly op: string;
  readonly value: unknown;
}

/**
 * Where our text knowingly differs from feedparser's: an unclosed
 * `<iframe/>` or `<object>` swallows the rest of the fragment, which is
 * then dropped with it. A browser hides that text too (iframe content is
 * raw text; object content is fallback), so dropping it is the safe reading.
 */
const SWALLOWED_AFTER_EMBED: ReadonlyMap<string, string> = new Map([
  ['item_description_iframe.xml', 'safe'],
  ['item_description_object.xml', 'safe'],
]);

/** The item descriptions of feedparser's sanitizer tests (the subset: script, on*, frames, objects, meta/link, style). */
const files = readdirSync(join(FEEDPARSER, 'subset', SUBSET))
  .filter((name) => name.endsWith('.xml'))
  .sort();
const expectedDescriptions = loadExpectedDescriptions();

describe('feedparser sanitize subset through parseFeed and sanitizeHtml', () => {
  it('covers the 32 files the manifest lists', () => {
    expect(files).toHaveLength(32);
  });

  it.each(files)('%s: nothing unsafe survives and the safe text stays', (name) => {
    const feed = parseFeed(readFileSync(join(FEEDPARSER, 'subset', SUBSET, name), 'utf8'), DOCUMENT_URL);
    const item = feed.items[0];
    if (item === undefined) throw new Error(`feedparser ${name}: no item`);
    const raw = item.contentHtml ?? item.summaryHtml ?? '';
    expect(raw).not.toBe('');
    const output = sanitizeHtml(raw, item.url ?? DOCUMENT_URL);
    expect(unsafeMarkup(output)).toEqual([]);
    expect(output).not.toMatch(/executeMe|alert\(|location\.href|clsid/i);

    // feedparser's expected description, compared as text: its markup and whitespace are its own.
    const expected = SWALLOWED_AFTER_EMBED.get(name) ?? expectedDescriptions.get(`${SUBSET}/${name}`);
    if (expected !== undefined) expect(plain(output)).toBe(plain(expected));
  });
});

function plain(html: string): string {
  return htmlToText(html).replace(/\s+/g, ' ').trim();
}

/** `entries[0].description == '…'` checks from expectations.jsonl, by file path. */
function loadExpectedDescriptions(): Map<string, string> {
  const descriptions = new Map<string, string>();
  for (const line of readFileSync(join(FEEDPARSER, 'expectations.jsonl'), 'utf8').split('\n')) {
    if (!line.includes(SUBSET)) continue;
    const record = JSON.parse(line) as { path: string; checks: readonly Check[] | null };
    const check = record.checks?.find(
      (candidate) => candidate.op === '==' && candidate.path.join('.') === 'entries.0.description',
    );
    if (typeof check?.value === 'string') descriptions.set(record.path, check.value);
  }
  return descriptions;
}
