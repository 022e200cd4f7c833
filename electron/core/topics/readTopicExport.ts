import { OffprintError } from '../../shared/errors.ts';
import { scanOutlineTags } from '../opml/scanOutlineTags.ts';
import { tokenizeXml } from '../opml/tokenizeXml.ts';
import type { XmlEvent } from '../opml/XmlEvent.ts';
import { TOPIC_EXPORT_VERSION, type TopicExportEntry } from './exportTopics.ts';

export interface TopicExportContent {
  readonly entries: readonly TopicExportEntry[];
  /** Entries or parts of them that could not be read, one plain sentence each. */
  readonly problems: readonly string[];
}

const CALL = 'topics:import';
const NAME_LIMIT = 200;
const QUERY_LIMIT = 2000;

/**
 * Reads what exportTopics writes: the JSON document or OPML saved searches
 * (any `<outline type="search">` with a `query`, wherever it sits). An entry
 * that cannot be read is reported and left out; a file that is neither
 * throws bad-request. Whether names are taken, queries mean something and
 * feeds exist is for the importer to judge.
 */
export function readTopicExport(content: string): TopicExportContent {
  const text = content.trim();
  if (text === '') throw new OffprintError('bad-request', `${CALL}: the file is empty`);
  if (text.startsWith('{') || text.startsWith('[')) return readJson(text);
  if (text.startsWith('<')) return readOpml(text);
  throw new OffprintError('bad-request', `${CALL}: the file is neither OPML nor a JSON topics export`);
}

function readJson(text: string): TopicExportContent {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new OffprintError('bad-request', `${CALL}: the JSON cannot be read (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (!isRecord(document) || !Array.isArray(document['topics'])) {
    throw new OffprintError(
      'bad-request',
      `${CALL}: the JSON is not a topics export (expected { "version": 1, "topics": [...] })`,
    );
  }
  if (document['version'] !== TOPIC_EXPORT_VERSION) {
    throw new OffprintError(
      'bad-request',
      `${CALL}: the JSON is version ${JSON.stringify(document['version'])}, this Offprint reads version ${TOPIC_EXPORT_VERSION}`,
    );
  }
  const entries: TopicExportEntry[] = [];
  const problems: string[] = [];
  (document['topics'] as unknown[]).forEach((item, position) => {
    const where = `topic ${position + 1}`;
    if (!isRecord(item)) {
      problems.push(`${where} is not an object — skipped.`);
      return;
    }
    const feedIds = item['feedIds'] ?? null;
    const categories = item['categories'] ?? [];
    const entry = checkEntry(where, {
      name: item['name'],
      query: item['query'],
      feedIds: feedIds === null ? null : Array.isArray(feedIds) && feedIds.every(isFeedId) ? feedIds : 'invalid',
      categories:
        Array.isArray(categories) && categories.every((value) => typeof value === 'string') ? categories : 'invalid',
      notify: item['notify'] ?? false,
    });
    if (typeof entry === 'string') problems.push(entry);
    else entries.push(entry);
  });
  return { entries, problems };
}

function readOpml(text: string): TopicExportContent {
  const tokens = tokenizeXml(text);
  const problems: string[] = [];
  let events: readonly XmlEvent[];
  if (tokens.wellFormed) {
    events = tokens.events;
    const root = events.find((event) => event.kind === 'start');
    if (root?.kind !== 'start' || root.name.toLowerCase() !== 'opml') {
      throw new OffprintError(
        'bad-request',
        `${CALL}: the XML is not OPML (its root is <${root?.kind === 'start' ? root.name : ''}>)`,
      );
    }
  } else {
    events = scanOutlineTags(text).events;
    problems.push(
      `The file is not well-formed XML (line ${lineOf(text, tokens.offset)}: ${tokens.reason}); its outlines were read one by one — check the topics.`,
    );
  }
  const entries: TopicExportEntry[] = [];
  for (const event of events) {
    if (event.kind !== 'start' || event.name.toLowerCase() !== 'outline') continue;
    const attributes = event.attributes;
    if (attributes.get('type')?.toLowerCase() !== 'search') continue;
    const name = attributes.get('text') ?? attributes.get('title');
    const where = `line ${lineOf(text, event.offset)}${name === undefined ? '' : ` ("${name}")`}`;
    const entry = checkEntry(where, {
      name,
      query: attributes.get('query'),
      feedIds: readFeedIds(attributes.get('feedids')),
      categories: readCategories(attributes.get('categories')),
      notify: ['true', '1', 'yes'].includes(attributes.get('notify')?.toLowerCase() ?? 'false'),
    });
    if (typeof entry === 'string') problems.push(entry);
    else entries.push(entry);
  }
  if (entries.length === 0 && problems.length === 0) {
    problems.push('The OPML has no saved searches (<outline type="search" query="…">).');
  }
  return { entries, problems };
}

/** The entry, or why it is skipped. */
function checkEntry(
  where: string,
  raw: {
    name: unknown;
    query: unknown;
    feedIds: readonly number[] | null | 'invalid';
    categories: readonly string[] | 'invalid';
    notify: unknown;
  },
): TopicExportEntry | string {
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  const query = typeof raw.query === 'string' ? raw.query.trim() : '';
  if (name === '') return `${where} has no name — skipped.`;
  if (name.length > NAME_LIMIT) return `${where}: the name is longer than ${NAME_LIMIT} characters — skipped.`;
  if (query === '') return `${where} has no query — skipped.`;
  if (query.length > QUERY_LIMIT) return `${where}: the query is longer than ${QUERY_LIMIT} characters — skipped.`;
  if (raw.feedIds === 'invalid') return `${where}: feedIds must be feed ids (whole numbers) — skipped.`;
  if (raw.categories === 'invalid') return `${where}: categories must be a list of names — skipped.`;
  if (typeof raw.notify !== 'boolean') return `${where}: notify must be true or false — skipped.`;
  return { name, query, feedIds: raw.feedIds, categories: raw.categories, notify: raw.notify };
}

function readFeedIds(value: string | undefined): readonly number[] | null | 'invalid' {
  if (value === undefined || value.trim() === '') return null;
  const ids = value.split(/[\s,]+/).filter((part) => part !== '');
  return ids.every((id) => /^\d+$/.test(id) && Number(id) > 0) ? ids.map(Number) : 'invalid';
}

function readCategories(value: string | undefined): readonly string[] | 'invalid' {
  if (value === undefined || value.trim() === '') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : 'invalid';
  } catch {
    return 'invalid';
  }
}

function isFeedId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let position = 0; position < offset && position < text.length; position += 1) {
    if (text.charCodeAt(position) === 10) line += 1;
  }
  return line;
}
