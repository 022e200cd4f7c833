/**
 * Feed-parser conformance: runs parseFeed over
 * 1. the 600-file feedparser subset, checking only the fields ParsedFeed maps
 *    (the rest of feedparser's vocabulary — bozo, *_detail types, rights,
 *    generator… — has no counterpart here and is not counted), and
 * 2. real captured feeds with golden outputs from two other parsers
 *    (rowanmanning/feed-parser snapshots, rss-parser outputs): feed title and
 *    link, item count, item titles and links.
 *
 *   node scripts/feedConformance.ts           human-readable report
 *   node scripts/feedConformance.ts --json    summary as JSON (for tests/unit/feeds/conformance.test.ts)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { decodeBody } from '../electron/core/feeds/decodeBody.ts';
import { decodeHtmlEntities } from '../electron/core/feeds/htmlEntities.ts';
import type { ParsedFeed, ParsedItem } from '../electron/core/feeds/ParsedFeed.ts';
import { parseFeed } from '../electron/core/feeds/parseFeed.ts';
import { collapseWhitespace, htmlToPlainText, looksLikeHtml } from '../electron/core/feeds/plainText.ts';
import { authorName } from '../electron/core/feeds/readXmlFeed.ts';
import { utcTuple } from '../tests/support/utcTuple.ts';

/** The shared test data beside the checkout (../shared/testdata), as tests/support/testdataDirectory.ts finds it; OFFPRINT_TESTDATA overrides. */
const testdata = path.join(
  process.env['OFFPRINT_TESTDATA'] ?? path.resolve(import.meta.dirname, '..', '..', 'shared', 'testdata'),
  'feeds',
);
if (!existsSync(testdata)) throw new Error(`feedConformance: test data ${testdata} is missing (set OFFPRINT_TESTDATA)`);
const feedparserRoot = path.join(testdata, 'feedparser');

// ---------------------------------------------------------------- feedparser

type CheckOp = '==' | '!=' | 'contains' | 'not-contains' | 'len==' | 'truthy' | 'falsy';

interface Check {
  readonly path: readonly (string | number)[];
  readonly op: CheckOp;
  readonly value: unknown;
}

interface ExpectationRecord {
  readonly path: string;
  readonly group: string;
  readonly harness_input: 'decoded-text' | 'raw-bytes' | 'http';
  readonly headers: Readonly<Record<string, string>>;
  readonly checks: readonly Check[] | null;
  readonly selected: boolean;
}

/** Expectations the extractor could not translate (their raw `expect` has another shape), translated by hand. */
const handTranslated: Readonly<Record<string, readonly Check[]>> = {
  'encoding/double-encoded-html.xml': [{ path: ['entries', 0, 'description'], op: '==', value: '\u2026' }],
  'encoding/bozo_double-encoded-html.xml': [{ path: ['entries', 0, 'description'], op: '==', value: '\u2026' }],
  'wellformed/rss/item_guid_not_permalink.xml': [{ path: ['entries', 0, 'link'], op: 'falsy', value: null }],
  'wellformed/xml/escaped_apos.xml': [{ path: ['feed', 'title'], op: '==', value: "it's correct" }],
};

/**
 * Checks not counted, each with its reason. Kept short on purpose: a failing
 * case is fixed in the parser, not listed here, unless the expectation is
 * feedparser policy rather than a reading of the feed.
 */
const excludedGroups: Readonly<Record<string, string>> = {
  sanitize:
    "expected values are feedparser's sanitizer output; ParsedItem HTML is raw by contract and sanitized later by core/extract (DOMPurify)",
};
const excludedFiles: Readonly<Record<string, string>> = {
  'wellformed/sanitize/item_description_crazy.xml': 'sanitizer output (see the sanitize group)',
  'encoding/bozo_linenoise.xml':
    "expects feedparser's windows-1252 mojibake of invalid bytes; charset fallback is decodeBody's policy, not parseFeed's",
};

type FieldKind = 'text' | 'url' | 'date' | 'author' | 'html' | 'id' | 'category' | 'enclosure' | 'count' | 'language';

interface MappedField {
  /** Report bucket, e.g. `entries.title`. */
  readonly field: string;
  readonly kind: FieldKind;
  readonly value: unknown;
}

const entryAliases: Readonly<Record<string, string>> = {
  guid: 'id',
  date: 'updated',
  date_parsed: 'updated_parsed',
  description: 'summary',
  description_detail: 'summary_detail',
  modified: 'updated',
  modified_parsed: 'updated_parsed',
  issued: 'published',
  issued_parsed: 'published_parsed',
  url: 'href',
};
const feedAliases: Readonly<Record<string, string>> = {
  ...entryAliases,
  description: 'subtitle',
  description_detail: 'subtitle_detail',
  tagline: 'subtitle',
  tagline_detail: 'subtitle_detail',
};

/** feedparser path → the ParsedFeed value it corresponds to; null when ParsedFeed has no such field. */
function mapPath(feed: ParsedFeed | null, rawPath: readonly (string | number)[]): MappedField | null {
  const [top, ...rest] = rawPath;
  const root = top === 'channel' ? 'feed' : top === 'items' ? 'entries' : top;
  if (root === 'feed') {
    const key = typeof rest[0] === 'string' ? (feedAliases[rest[0]] ?? rest[0]) : undefined;
    const sub = rest[1];
    if ((key === 'title' && rest.length === 1) || (key === 'title_detail' && sub === 'value'))
      return { field: 'feed.title', kind: 'text', value: feed?.title };
    if (key === 'link' && rest.length === 1) return { field: 'feed.link', kind: 'url', value: feed?.siteUrl };
    if ((key === 'subtitle' && rest.length === 1) || (key === 'subtitle_detail' && sub === 'value'))
      return { field: 'feed.subtitle', kind: 'text', value: feed?.description };
    if (key === 'language' && rest.length === 1)
      return { field: 'feed.language', kind: 'language', value: feed?.language };
    if ((key === 'updated_parsed' || key === 'published_parsed') && rest.length === 1)
      return { field: 'feed.date', kind: 'date', value: feed?.updatedAt };
    if (key === 'image' && sub === 'href') return { field: 'feed.image', kind: 'url', value: feed?.imageUrl };
    return null;
  }
  if (root !== 'entries') return null;
  if (rest.length === 0) return { field: 'entries.count', kind: 'count', value: feed?.items };
  const [index, rawKey, ...tail] = rest;
  if (typeof index !== 'number' || typeof rawKey !== 'string') return null;
  const item: ParsedItem | undefined = feed?.items[index];
  const key = entryAliases[rawKey] ?? rawKey;
  const [first, second] = tail;
  if ((key === 'title' && tail.length === 0) || (key === 'title_detail' && first === 'value'))
    return { field: 'entries.title', kind: 'text', value: item?.title };
  if (key === 'link' && tail.length === 0) return { field: 'entries.link', kind: 'url', value: item?.url };
  if (key === 'id' && tail.length === 0) return { field: 'entries.id', kind: 'id', value: item?.guid };
  if (key === 'published_parsed' && tail.length === 0)
    return { field: 'entries.date', kind: 'date', value: item?.publishedAt };
  // feedparser's `updated` falls back to `published` (its deprecation shim).
  if (key === 'updated_parsed' && tail.length === 0)
    return { field: 'entries.date', kind: 'date', value: item?.updatedAt ?? item?.publishedAt };
  if (
    (key === 'author' && tail.length === 0) ||
    (key === 'author_detail' && first === 'name') ||
    (key === 'authors' && first === 0 && second === 'name')
  ) {
    return { field: 'entries.author', kind: 'author', value: item?.author };
  }
  if (key === 'content' && first === 0 && second === 'value')
    return { field: 'entries.content', kind: 'html', value: item?.contentHtml };
  if ((key === 'summary' && tail.length === 0) || (key === 'summary_detail' && first === 'value')) {
    // feedparser fills `summary` from content when an entry has only content.
    return { field: 'entries.summary', kind: 'html', value: item?.summaryHtml ?? item?.contentHtml };
  }
  if (key === 'category' && tail.length === 0)
    return { field: 'entries.categories', kind: 'category', value: item?.categories };
  if (key === 'tags' && tail.length === 0)
    return { field: 'entries.categories', kind: 'count', value: item?.categories };
  if (key === 'tags' && typeof first === 'number' && second === 'term')
    return { field: 'entries.categories', kind: 'category', value: item?.categories };
  if (key === 'enclosures' && typeof first === 'number' && (second === 'href' || second === 'url'))
    return { field: 'entries.enclosures', kind: 'enclosure', value: item?.enclosures };
  if (key === 'enclosures' && typeof first === 'number' && (second === 'type' || second === 'length')) {
    const enclosure = item?.enclosures[first];
    return {
      field: 'entries.enclosures',
      kind: 'id',
      value: enclosure === undefined ? undefined : String(enclosure[second]),
    };
  }
  if (key === 'image' && first === 'href') return { field: 'entries.image', kind: 'url', value: item?.imageUrl };
  return null;
}

function sameUrl(actual: unknown, expected: unknown, base?: string): boolean {
  if (typeof actual !== 'string' || typeof expected !== 'string') return actual === expected || (!actual && !expected);
  if (actual === expected) return true;
  try {
    return new URL(actual).href === new URL(expected, base).href;
  } catch {
    return false;
  }
}

function plain(text: string): string {
  return looksLikeHtml(text) ? htmlToPlainText(text) : collapseWhitespace(text);
}

/** Equality as the field's kind understands it: the same text, URL, instant, name… */
function matches(kind: FieldKind, actual: unknown, expected: unknown): boolean {
  switch (kind) {
    case 'text':
      if (typeof expected !== 'string') return actual === expected;
      // ParsedFeed says null where feedparser says '' (an empty element, a title that is only an image).
      if (actual === null || actual === undefined) return plain(expected) === '';
      return actual === collapseWhitespace(expected) || actual === plain(expected);
    case 'url':
      return sameUrl(actual, expected);
    case 'date':
      return (
        typeof actual === 'string' && Array.isArray(expected) && utcTuple(actual).join() === expected.slice(0, 6).join()
      );
    case 'author':
      return (
        typeof actual === 'string' &&
        typeof expected === 'string' &&
        (actual === collapseWhitespace(expected) || actual === authorName(expected))
      );
    case 'html':
      return htmlContains(actual, expected);
    case 'id':
    case 'language':
      return typeof actual === 'string' && typeof expected === 'string'
        ? actual.trim() === expected.trim()
        : actual === expected;
    case 'category':
      return Array.isArray(actual) && typeof expected === 'string' && actual.includes(collapseWhitespace(expected));
    case 'enclosure':
      return Array.isArray(actual) && actual.some((enclosure: { url: string }) => sameUrl(enclosure.url, expected));
    case 'count':
      return false;
  }
}

/**
 * Whether our HTML carries the expected value: verbatim, once references are
 * decoded (a text/plain value we escaped), as the same markup serialized
 * differently, or as the same text.
 */
function htmlContains(actual: unknown, expected: unknown): boolean {
  if (typeof actual !== 'string' || typeof expected !== 'string') return actual === expected;
  if (actual.includes(expected)) return true;
  if (decodeHtmlEntities(actual).includes(expected)) return true;
  if (canonicalMarkup(actual).includes(canonicalMarkup(expected))) return true;
  const expectedText = htmlToPlainText(expected);
  return expectedText !== '' && htmlToPlainText(actual) === expectedText;
}

/**
 * Markup reduced to what it means, for comparing serializations: start tags
 * with attributes sorted and namespace declarations dropped, end tags and
 * self-closing slashes dropped (feedparser writes `<circle …></circle>`, we
 * keep `<circle … />`; it sorts attributes, we keep source order).
 */
function canonicalMarkup(html: string): string {
  return collapseWhitespace(
    html
      .replace(/<\/[^<>]*>/g, '')
      .replace(
        /<([A-Za-z][\w:-]*)((?:\s+[^\s=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?)*)\s*\/?>/g,
        (_tag, name: string, attributes: string) => {
          const pairs = [...attributes.matchAll(/([^\s=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+)))?/g)]
            .map((match) => [match[1] ?? '', match[2] ?? match[3] ?? match[4] ?? ''] as const)
            .filter(([attribute]) => attribute !== 'xmlns' && !attribute.startsWith('xmlns:'))
            .map(([attribute, value]) => `${attribute}="${value}"`)
            .sort();
          return `<${[name.toLowerCase(), ...pairs].join(' ')}>`;
        },
      ),
  );
}

function evaluate(check: Check, mapped: MappedField): boolean {
  const { value } = mapped;
  const present = Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== '';
  switch (check.op) {
    case 'truthy':
      return present;
    case 'falsy':
      return !present;
    case 'len==':
      return Array.isArray(value) && value.length === check.value;
    case '==':
      return matches(mapped.kind, value, check.value);
    case '!=':
      return !matches(mapped.kind, value, check.value);
    case 'contains':
      return mapped.kind === 'html' || mapped.kind === 'text'
        ? htmlContains(value, check.value)
        : matches(mapped.kind, value, check.value);
    case 'not-contains':
      return typeof value === 'string' && typeof check.value === 'string'
        ? !value.includes(check.value)
        : !matches(mapped.kind, value, check.value);
  }
}

interface FieldTally {
  passed: number;
  total: number;
  failing: string[];
}

export interface ConformanceSummary {
  readonly feedparser: {
    readonly passed: number;
    readonly total: number;
    readonly files: number;
    readonly fields: Readonly<Record<string, FieldTally>>;
    readonly excluded: number;
  };
  readonly goldens: Readonly<Record<string, GoldenTally>>;
}

function runFeedparser(): ConformanceSummary['feedparser'] {
  const records = readFileSync(path.join(feedparserRoot, 'expectations.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ExpectationRecord)
    .filter((record) => record.selected);
  const fields: Record<string, FieldTally> = {};
  let excluded = 0;
  for (const record of records) {
    const checks = record.checks ?? handTranslated[record.path] ?? [];
    if (excludedFiles[record.path] !== undefined || excludedGroups[record.group] !== undefined) {
      excluded += checks.filter((check) => mapPath(null, check.path) !== null).length;
      continue;
    }
    const bytes = readFileSync(path.join(feedparserRoot, 'subset', record.path));
    const documentUri = `http://127.0.0.1:8097/tests/${record.path}`;
    const headers = Object.fromEntries(
      Object.entries(record.headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const contentLocation = headers['content-location'];
    const documentUrl = contentLocation === undefined ? documentUri : new URL(contentLocation, documentUri).href;
    const contentType = record.harness_input === 'http' ? (headers['content-type'] ?? 'text/xml') : null;
    let feed: ParsedFeed | null;
    try {
      feed = parseFeed(decodeBody(bytes, contentType).text, documentUrl);
    } catch {
      feed = null;
    }
    for (const check of checks) {
      const mapped = mapPath(feed, check.path);
      if (mapped === null) continue;
      const tally = (fields[mapped.field] ??= { passed: 0, total: 0, failing: [] });
      tally.total++;
      if (feed !== null && evaluate(check, mapped)) tally.passed++;
      else tally.failing.push(record.path);
    }
  }
  const tallies = Object.values(fields);
  return {
    passed: tallies.reduce((sum, tally) => sum + tally.passed, 0),
    total: tallies.reduce((sum, tally) => sum + tally.total, 0),
    files: records.length,
    fields,
    excluded,
  };
}

// ------------------------------------------------------------------- goldens

interface GoldenFeed {
  readonly title: string | null;
  readonly link: string | null;
  readonly items: readonly { readonly title: string | null; readonly link: string | null }[];
}

interface GoldenCase {
  readonly name: string;
  readonly input: Buffer;
  readonly documentUrl: string;
  /** null: the parser must reject the document. */
  readonly expected: GoldenFeed | null;
}

interface GoldenTally {
  readonly feeds: number;
  parsed: number;
  itemCounts: number;
  feedTitles: number;
  feedLinks: number;
  itemTitles: number;
  itemLinks: number;
  itemsCompared: number;
  readonly disagreements: string[];
}

function rowanmanningCases(): GoldenCase[] {
  const root = path.join(testdata, 'rowanmanning-sample-feeds');
  const cases: GoldenCase[] = [];
  for (const kind of ['examples', 'real-world']) {
    for (const file of readdirSync(path.join(root, 'expected-feed-parser', kind))
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      const hash = file.slice(0, -5);
      const feedPath = path.join(root, 'content', kind, hash, 'feed.xml');
      if (!existsSync(feedPath)) continue; // snapshot of a feed removed upstream (MANIFEST caveat)
      const snapshot = JSON.parse(readFileSync(path.join(root, 'expected-feed-parser', kind, file), 'utf8')) as {
        feed?: { title: string | null; url: string | null; items: { title: string | null; url: string | null }[] };
      };
      const original = /^original:\s*"([^"]*)"/m.exec(
        readFileSync(path.join(root, 'content', kind, hash, 'index.md'), 'utf8'),
      )?.[1];
      cases.push({
        name: `${kind}/${hash}`,
        input: readFileSync(feedPath),
        documentUrl: original ?? `https://sample-feeds.rowanmanning.com/${kind}/${hash}/feed.xml`,
        expected:
          snapshot.feed === undefined
            ? null
            : {
                title: snapshot.feed.title,
                link: snapshot.feed.url,
                items: snapshot.feed.items.map((item) => ({ title: item.title, link: item.url })),
              },
      });
    }
  }
  return cases;
}

function rssParserCases(): GoldenCase[] {
  const root = path.join(testdata, 'rss-parser', 'test');
  const cases: GoldenCase[] = [];
  for (const file of readdirSync(path.join(root, 'input')).sort()) {
    const name = file.replace(/\.[^.]+$/, '');
    const outputPath = path.join(root, 'output', `${name}.json`);
    const documentUrl = `https://rss-parser.invalid/${file}`;
    if (name === 'unrecognized') {
      cases.push({ name, input: readFileSync(path.join(root, 'input', file)), documentUrl, expected: null });
      continue;
    }
    if (!existsSync(outputPath)) continue; // itunes-missing-image: asserted in code upstream, no golden
    // encoding.json holds Latin-1 bytes (MANIFEST caveat).
    const golden = JSON.parse(readFileSync(outputPath, name === 'encoding' ? 'latin1' : 'utf8')) as {
      feed: { title?: string; link?: string; items?: { title?: string; link?: string }[] };
    };
    cases.push({
      name,
      input: readFileSync(path.join(root, 'input', file)),
      documentUrl,
      expected: {
        title: golden.feed.title ?? null,
        link: golden.feed.link ?? null,
        items: (golden.feed.items ?? []).map((item) => ({ title: item.title ?? null, link: item.link ?? null })),
      },
    });
  }
  return cases;
}

function sameTitle(actual: string | null, expected: string | null): boolean {
  const ours = actual ?? '';
  if (ours === plain(expected ?? '') || ours === collapseWhitespace(expected ?? '')) return true;
  // rss-parser's uolNoticias golden decoded ISO-8859-1 bytes as UTF-8: U+FFFD stands for each accented letter.
  if (expected?.includes('\ufffd') === true) {
    const pattern = collapseWhitespace(expected)
      .split('\ufffd')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^\\x00-\\x7f]');
    return new RegExp(`^${pattern}$`).test(ours.replace(/\u00a0/g, '\ufffd').normalize('NFC'));
  }
  return false;
}

/**
 * Where we deliberately differ from a golden, with the reason. The item is
 * compared against our documented behaviour instead.
 */
const goldenDifferences: Readonly<Record<string, string>> = {
  'examples/30493cdf1415a6cdc2f599c828d1b19c item 1 link':
    'RSS 2.0: a guid without isPermaLink="false" is the permalink; feed-parser leaves url null, we use the guid',
};

function runGoldens(cases: readonly GoldenCase[]): GoldenTally {
  const tally: GoldenTally = {
    feeds: cases.length,
    parsed: 0,
    itemCounts: 0,
    feedTitles: 0,
    feedLinks: 0,
    itemTitles: 0,
    itemLinks: 0,
    itemsCompared: 0,
    disagreements: [],
  };
  for (const golden of cases) {
    let feed: ParsedFeed | null = null;
    let failure = '';
    try {
      feed = parseFeed(decodeBody(golden.input, null).text, golden.documentUrl);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    const { expected } = golden;
    if (expected === null) {
      // Expected rejection: counts as parsed, titles, links and count agreeing.
      if (feed === null) {
        tally.parsed++;
        tally.itemCounts++;
        tally.feedTitles++;
        tally.feedLinks++;
      } else tally.disagreements.push(`${golden.name}: accepted a document the golden rejects`);
      continue;
    }
    if (feed === null) {
      tally.disagreements.push(`${golden.name}: ${failure}`);
      tally.itemsCompared += expected.items.length;
      continue;
    }
    tally.parsed++;
    if (feed.items.length === expected.items.length) tally.itemCounts++;
    else tally.disagreements.push(`${golden.name}: ${feed.items.length} items, golden ${expected.items.length}`);
    if (sameTitle(feed.title, expected.title)) tally.feedTitles++;
    else
      tally.disagreements.push(
        `${golden.name}: feed title ${JSON.stringify(feed.title)} vs ${JSON.stringify(expected.title)}`,
      );
    if (sameUrl(feed.siteUrl, expected.link, golden.documentUrl)) tally.feedLinks++;
    else
      tally.disagreements.push(
        `${golden.name}: feed link ${JSON.stringify(feed.siteUrl)} vs ${JSON.stringify(expected.link)}`,
      );
    expected.items.forEach((item, index) => {
      tally.itemsCompared++;
      const ours = feed.items[index];
      if (sameTitle(ours?.title ?? null, item.title)) tally.itemTitles++;
      else
        tally.disagreements.push(
          `${golden.name} item ${index}: title ${JSON.stringify(ours?.title)} vs ${JSON.stringify(item.title)}`,
        );
      if (
        sameUrl(ours?.url ?? null, item.link, golden.documentUrl) ||
        goldenDifferences[`${golden.name} item ${index} link`] !== undefined
      )
        tally.itemLinks++;
      else
        tally.disagreements.push(
          `${golden.name} item ${index}: link ${JSON.stringify(ours?.url)} vs ${JSON.stringify(item.link)}`,
        );
    });
  }
  return tally;
}

function goldenAgreement(tally: GoldenTally): { passed: number; total: number } {
  return {
    passed: tally.parsed + tally.itemCounts + tally.feedTitles + tally.feedLinks + tally.itemTitles + tally.itemLinks,
    total: tally.feeds * 4 + tally.itemsCompared * 2,
  };
}

export function runFeedConformance(): ConformanceSummary {
  return {
    feedparser: runFeedparser(),
    goldens: {
      'rowanmanning/feed-parser': runGoldens(rowanmanningCases()),
      'rss-parser': runGoldens(rssParserCases()),
    },
  };
}

function percent(passed: number, total: number): string {
  return `${((100 * passed) / Math.max(total, 1)).toFixed(1)}%`;
}

function printReport(summary: ConformanceSummary): void {
  const { feedparser } = summary;
  console.log(`feedparser subset (${feedparser.files} files)`);
  for (const [field, tally] of Object.entries(feedparser.fields).sort(([a], [b]) => a.localeCompare(b))) {
    console.log(
      `  ${field.padEnd(20)} ${String(tally.passed).padStart(4)}/${String(tally.total).padEnd(4)} ${percent(tally.passed, tally.total)}`,
    );
  }
  console.log(`  excluded: ${feedparser.excluded} mapped checks`);
  for (const [group, reason] of Object.entries(excludedGroups)) console.log(`    group ${group}/: ${reason}`);
  for (const [file, reason] of Object.entries(excludedFiles)) console.log(`    ${file}: ${reason}`);
  for (const [field, tally] of Object.entries(feedparser.fields)) {
    if (tally.failing.length > 0) console.log(`  failing ${field}: ${[...new Set(tally.failing)].join(', ')}`);
  }
  console.log(
    `mapped-field checks: ${feedparser.passed}/${feedparser.total} passed (${percent(feedparser.passed, feedparser.total)})`,
  );
  for (const [name, tally] of Object.entries(summary.goldens)) {
    const agreement = goldenAgreement(tally);
    console.log(`${name} goldens (${tally.feeds} feeds)`);
    for (const [item, reason] of Object.entries(goldenDifferences)) {
      if (name === 'rowanmanning/feed-parser') console.log(`  deliberate difference ${item}: ${reason}`);
    }
    for (const line of tally.disagreements) console.log(`  disagree ${line}`);
    console.log(
      `  parsed ${tally.parsed}/${tally.feeds}, item counts ${tally.itemCounts}/${tally.feeds}, feed titles ${tally.feedTitles}/${tally.feeds}, feed links ${tally.feedLinks}/${tally.feeds}, item titles ${tally.itemTitles}/${tally.itemsCompared}, item links ${tally.itemLinks}/${tally.itemsCompared}`,
    );
    console.log(
      `${name} agreement: ${agreement.passed}/${agreement.total} (${percent(agreement.passed, agreement.total)})`,
    );
  }
}

if (import.meta.main) {
  const summary = runFeedConformance();
  if (process.argv.includes('--json')) {
    const goldens = Object.fromEntries(
      Object.entries(summary.goldens).map(([name, tally]) => [name, goldenAgreement(tally)]),
    );
    console.log(
      JSON.stringify({ feedparser: { passed: summary.feedparser.passed, total: summary.feedparser.total }, goldens }),
    );
  } else {
    printReport(summary);
  }
}
