import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeQuery } from '../../../electron/shared/query/describeQuery.ts';
import { parseQuery, QUERY_LIMITS } from '../../../electron/shared/query/parseQuery.ts';
import {
  SEARCH_FIELD_NAMES,
  type QueryClause,
  type QueryPresence,
  type SearchFieldName,
} from '../../../electron/shared/query/ParsedQuery.ts';
import { seededRandom } from '../../support/seededRandom.ts';

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick: empty list');
  return item;
}

const INTERNAL_PROBLEM = 'Could not read this query — searched nothing. Please report it.';
const hasWhitespace = (text: string): boolean => /\s/.test(text);

const fieldsSchema = z.array(z.enum(SEARCH_FIELD_NAMES)).min(1).nullable();
const presenceSchema = z.enum(['optional', 'required', 'prohibited']);
const boostSchema = z.number().min(QUERY_LIMITS.minBoost).max(QUERY_LIMITS.maxBoost);

const termSchema = z
  .strictObject({
    kind: z.literal('term'),
    text: z
      .string()
      .min(1)
      .refine((text) => !hasWhitespace(text), 'no whitespace')
      .refine((text) => !text.startsWith('*') && !text.endsWith('*') && !text.includes('**'), 'stars only inside'),
    fields: fieldsSchema,
    presence: presenceSchema,
    boost: boostSchema,
    wildcard: z.strictObject({ leading: z.boolean(), trailing: z.boolean(), inner: z.boolean() }),
    editDistance: z.number().int().min(0).max(QUERY_LIMITS.maxEditDistance),
  })
  .refine((clause) => clause.wildcard.inner === clause.text.includes('*'), 'inner matches the text')
  .refine(
    (clause) =>
      clause.editDistance === 0 || !(clause.wildcard.leading || clause.wildcard.trailing || clause.wildcard.inner),
    'never both wildcard and fuzzy',
  );

const phraseSchema = z.strictObject({
  kind: z.literal('phrase'),
  words: z
    .array(
      z
        .string()
        .min(1)
        .refine((word) => !hasWhitespace(word) && !word.includes('-'), 'split on lunr separators'),
    )
    .min(1),
  fields: fieldsSchema,
  presence: presenceSchema,
  boost: boostSchema,
});

const timeSchema = z.number().int().min(-8.64e15).max(8.64e15);

const parsedQuerySchema = z
  .strictObject({
    groups: z
      .array(z.strictObject({ clauses: z.array(z.union([termSchema, phraseSchema])).min(1) }))
      .max(QUERY_LIMITS.maxGroups),
    filters: z.strictObject({
      saved: z.boolean().optional(),
      read: z.boolean().optional(),
      hasNote: z.boolean().optional(),
      after: timeSchema.optional(),
      before: timeSchema.optional(),
      feedIds: z.array(z.number().int().nonnegative()).min(1).optional(),
    }),
    problems: z.array(
      z
        .string()
        .min(1)
        .refine((problem) => problem !== INTERNAL_PROBLEM, 'no internal failure'),
    ),
    isEmpty: z.boolean(),
  })
  .refine(
    (parsed) => parsed.isEmpty === (parsed.groups.length === 0 && Object.keys(parsed.filters).length === 0),
    'isEmpty means no groups and no filters',
  )
  .refine((parsed) => new Set(parsed.problems).size === parsed.problems.length, 'each problem once');

/** Heavy on the characters that mean something, with CJK, emoji, odd spaces and lone surrogates. */
const PIECES: readonly string[] = [
  // Every piece here is ASCII or written out whole, so splitting strings into characters is safe.
  ...Array.from('+-:~^*"()\\'),
  ...Array.from('+-:~^*"()'),
  ' ',
  ' ',
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u3000',
  ...Array.from('abcdefgxyz'),
  ...Array.from('AEGZ'),
  ...Array.from('0123456789'),
  'é',
  'İ',
  'ß',
  '稀',
  '土',
  '日本語',
  '😀',
  '\u{1F468}\u200D\u{1F469}',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\u201C',
  '\u201D',
  '\u0000',
  'OR',
  ' OR ',
  'AND',
  'NOT ',
  'title:',
  'Body:',
  'topic:',
  'colour:',
  'is:',
  'saved',
  'unread',
  'has:',
  'note',
  'after:',
  'before:',
  'date:',
  'feed:',
  '2025',
  '2025-02-29',
  '2024-13',
  '7d',
  '3m',
  '99999999999y',
  ',',
  '.',
];

function randomInput(random: () => number): string {
  const length = Math.floor(random() * random() * 60);
  let input = '';
  for (let index = 0; index < length; index += 1) input += pick(random, PIECES);
  return input;
}

describe('parseQuery: fuzz', () => {
  it('never throws and always returns a valid ParsedQuery for 20,000 random strings', () => {
    const random = seededRandom(0x0ff9_1e17);
    const now = new Date('2025-06-15T12:00:00Z');
    for (let run = 0; run < 20_000; run += 1) {
      const input = randomInput(random);
      let parsed: unknown;
      try {
        parsed = parseQuery(input, { now });
      } catch (error) {
        throw new Error(`parseQuery threw for ${JSON.stringify(input)}: ${String(error)}`, { cause: error });
      }
      const checked = parsedQuerySchema.safeParse(parsed);
      if (!checked.success) {
        throw new Error(`invalid ParsedQuery for ${JSON.stringify(input)}: ${z.prettifyError(checked.error)}`);
      }
      const summary = describeQuery(checked.data);
      if (summary === '' || summary.includes('\n')) {
        throw new Error(`describeQuery gave ${JSON.stringify(summary)} for ${JSON.stringify(input)}`);
      }
    }
  });

  it('is deterministic', () => {
    const random = seededRandom(7);
    const now = new Date('2025-06-15T12:00:00Z');
    for (let run = 0; run < 500; run += 1) {
      const input = randomInput(random);
      expect(parseQuery(input, { now })).toEqual(parseQuery(input, { now }));
    }
  });

  it('stays fast on long, deeply nested and pathological input', () => {
    const inputs = [
      '('.repeat(100_000),
      ')'.repeat(100_000),
      '"'.repeat(100_001),
      'a '.repeat(50_000),
      `(${'a '.repeat(50_000)})`,
      `-(${'+a '.repeat(50_000)})`,
      'a-'.repeat(50_000),
      'a OR '.repeat(20_000),
      '(a OR b) '.repeat(2_000),
      '-(+a +b +c +d) '.repeat(500),
      `x${'^9'.repeat(20_000)}`,
      `x~${'9'.repeat(100_000)}`,
      '\\'.repeat(100_001),
    ];
    const started = performance.now();
    for (const input of inputs) {
      const checked = parsedQuerySchema.safeParse(parseQuery(input));
      expect(checked.success, input.slice(0, 20)).toBe(true);
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

// ---- A property test against a reference: random well-formed queries parse exactly as generated ----

const FIELD_SPELLINGS: readonly (readonly [string, SearchFieldName])[] = [
  ['title', 'title'],
  ['author', 'author'],
  ['source', 'source'],
  ['topic', 'topics'],
  ['topics', 'topics'],
  ['category', 'categories'],
  ['categories', 'categories'],
  ['text', 'text'],
  ['body', 'text'],
];

interface Generated {
  readonly text: string;
  readonly clause: QueryClause;
}

function randomWord(random: () => number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyzéü稀土';
  let word = '';
  const length = 1 + Math.floor(random() * 8);
  for (let index = 0; index < length; index += 1) word += pick(random, Array.from(letters));
  return random() < 0.2 ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

function randomClause(random: () => number): Generated {
  const [sign, presence] = pick<readonly [string, QueryPresence]>(random, [
    ['', 'optional'],
    ['', 'optional'],
    ['+', 'required'],
    ['-', 'prohibited'],
  ]);
  const field = random() < 0.4 ? pick(random, FIELD_SPELLINGS) : null;
  const prefix = `${sign}${field === null ? '' : `${field[0]}:`}`;
  const fields = field === null ? null : [field[1]];
  const boost = random() < 0.3 ? 1 + Math.floor(random() * 99) : 1;
  const boostText = boost === 1 ? '' : `^${boost}`;
  if (random() < 0.3) {
    const words = Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomWord(random));
    return {
      text: `${prefix}"${words.join(' ')}"${boostText}`,
      clause: { kind: 'phrase', words: words.map((word) => word.toLowerCase()), fields, presence, boost },
    };
  }
  const word = randomWord(random);
  const shape = random();
  const trailing = shape < 0.15;
  const leading = shape >= 0.15 && shape < 0.25;
  const editDistance = shape >= 0.25 && shape < 0.45 ? Math.floor(random() * 3) : 0;
  const fuzzyText = shape >= 0.25 && shape < 0.45 ? `~${editDistance}` : '';
  return {
    text: `${prefix}${leading ? '*' : ''}${word}${trailing ? '*' : ''}${fuzzyText}${boostText}`,
    clause: {
      kind: 'term',
      text: word.toLowerCase(),
      fields,
      presence,
      boost,
      wildcard: { leading, trailing, inner: false },
      editDistance,
    },
  };
}

describe('parseQuery: against generated queries', () => {
  it('reads 2,000 random well-formed queries exactly as they were built, with no problems', () => {
    const random = seededRandom(2025);
    for (let run = 0; run < 2_000; run += 1) {
      const groups = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        Array.from({ length: 1 + Math.floor(random() * 4) }, () => randomClause(random)),
      );
      const filterText = random() < 0.3 ? ' is:unread' : '';
      const input = groups.map((group) => group.map((generated) => generated.text).join(' ')).join(' OR ') + filterText;
      const parsed = parseQuery(input);
      expect(parsed, input).toEqual({
        groups: groups.map((group) => ({ clauses: group.map((generated) => generated.clause) })),
        filters: filterText === '' ? {} : { read: false },
        problems: [],
        isEmpty: false,
      });
    }
  });
});
