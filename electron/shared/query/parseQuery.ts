/**
 * Reads Offprint's query language: lunr's syntax (terms, +required,
 * -prohibited, field:term, wild*cards, fuzzy~1, boost^10) plus "phrases",
 * field aliases, filters (is:, has:, after:, before:, date:, feed:), OR,
 * NOT, a no-op AND, and parentheses. ParsedQuery.ts says what the result
 * means; queryHelp.ts is the user's version of the grammar below.
 *
 * Unlike lunr's QueryParser this never throws: a search box is typed into one
 * key at a time, so every prefix of a query must mean something. Whatever it
 * cannot read it recovers from and explains in `problems`.
 *
 * Choices worth knowing:
 * - OR binds loosest: `a +b OR c` is the groups [a +b] and [c]. Parentheses
 *   are expanded into groups (`+(a OR b) +c` → [+a +c], [+b +c]);
 *   `+( … )` makes the optional clauses inside required, `-( … )` is negated
 *   by De Morgan's rules, `field:( … )` gives the field to clauses without one.
 * - `rare-earth` is the terms rare and earth, each with the clause's sign,
 *   field, boost and fuzziness, because lunr's tokenizer splits on `-` when
 *   it indexes. A `-` at the start of a clause is the prohibited sign.
 * - An unknown field `colour:red` is searched as the words colour and red.
 *   `feed:reuters` (not a number) is searched as source:reuters.
 * - `\` before one of + - : ~ ^ * " ( ) \ makes it an ordinary character.
 * - Calendar dates are UTC (see parseCalendarPeriod.ts). `after:P` starts at
 *   the start of the period P and `before:P` ends at the end of it, so both
 *   include P: `after:2025-01 before:2025-03` is January to March.
 */
import type {
  ParsedQuery,
  QueryClause,
  QueryFilters,
  QueryPresence,
  QueryTermClause,
  SearchFieldName,
} from './ParsedQuery.ts';
import { parseCalendarPeriod, parseRelativeSpan, subtractRelativeSpan } from './parseCalendarPeriod.ts';

export interface ParseQueryOptions {
  /** The time `date:7d` counts back from; the clock when absent. */
  readonly now?: Date;
}

export const QUERY_LIMITS = {
  /** Alternatives after OR and parentheses are expanded; each one is a lunr query for the engine. */
  maxGroups: 32,
  /** Nesting of parentheses; deeper ones are ignored, which also bounds the recursion. */
  maxDepth: 8,
  minBoost: 0.1,
  maxBoost: 1000,
  maxEditDistance: 2,
} as const;

/** Field names as typed (lowercased), aliases included. */
const FIELD_NAMES: ReadonlyMap<string, SearchFieldName> = new Map([
  ['title', 'title'],
  ['author', 'author'],
  ['source', 'source'],
  ['topic', 'topics'],
  ['topics', 'topics'],
  ['category', 'categories'],
  ['categories', 'categories'],
  ['text', 'text'],
  ['body', 'text'],
  // The user's notes and highlights (quotes and comments).
  ['note', 'notes'],
  ['notes', 'notes'],
]);

const FILTER_NAMES: ReadonlySet<string> = new Set(['is', 'has', 'after', 'before', 'date', 'feed']);

/** Straight quotes and the curly ones a Mac or a word processor types instead. */
const QUOTES: ReadonlySet<string> = new Set(['"', '\u201C', '\u201D']);

const ESCAPABLE: ReadonlySet<string> = new Set(['+', '-', ':', '~', '^', '*', '"', '(', ')', '\\']);

/** lunr.tokenizer.separator, one character at a time. */
const SEPARATOR = /[\s-]/;
const WHITESPACE = /\s/;

const INTERNAL_PROBLEM = 'Could not read this query — searched nothing. Please report it.';
const TOO_MANY_GROUPS = `Too many OR combinations — kept the first ${QUERY_LIMITS.maxGroups}.`;

type Alternatives = readonly (readonly QueryClause[])[];

type ItemResult =
  | { readonly kind: 'clauses'; readonly alternatives: Alternatives }
  | { readonly kind: 'filter' }
  | { readonly kind: 'nothing' };

const NOTHING: ItemResult = { kind: 'nothing' };
const FILTER: ItemResult = { kind: 'filter' };

interface ScannedCharacter {
  readonly character: string;
  /** Written with a backslash, so never an operator. */
  readonly escaped: boolean;
}

interface Modifiers {
  readonly boost: number;
  readonly editDistance: number;
  /** The last `~…` as typed, or null when there was none. */
  readonly fuzzyText: string | null;
  readonly any: boolean;
}

interface FlagFilter {
  readonly value: boolean;
  readonly source: string;
}

interface FilterState {
  saved?: FlagFilter;
  read?: FlagFilter;
  hasNote?: FlagFilter;
  after?: number;
  before?: number;
  readonly feedIds: number[];
}

interface Reader {
  readonly input: string;
  position: number;
  readonly problems: Set<string>;
  readonly filters: FilterState;
  /** `(` beyond maxDepth that were skipped; as many `)` are skipped too. */
  ignoredParentheses: number;
  /** Epoch ms for relative dates; NaN when the caller's `now` is not a valid Date. */
  readonly now: number;
}

export function parseQuery(input: string, options?: ParseQueryOptions): ParsedQuery {
  try {
    return readQuery(input, options);
  } catch {
    // A bug here must not take the search box down with it; the fuzz test
    // checks that this message never appears.
    return { groups: [], filters: {}, problems: [INTERNAL_PROBLEM], isEmpty: true };
  }
}

function readQuery(input: string, options: ParseQueryOptions | undefined): ParsedQuery {
  const reader: Reader = {
    input,
    position: 0,
    problems: new Set(),
    filters: { feedIds: [] },
    ignoredParentheses: 0,
    now: options?.now === undefined ? Date.now() : options.now.getTime(),
  };
  const { alternatives } = readAlternatives(reader, 0);
  const filters = finishFilters(reader);
  const groups = alternatives.map((clauses) => ({ clauses }));
  return {
    groups,
    filters,
    problems: [...reader.problems],
    isEmpty: groups.length === 0 && Object.keys(filters).length === 0,
  };
}

// ---- Sequences, OR, AND, NOT ----

interface Sequence {
  readonly alternatives: Alternatives;
  /** Clauses and filters read, whether or not they produced clauses. */
  readonly itemCount: number;
}

/** Reads clauses up to the end of the input, or up to a `)` (left unread) inside parentheses. */
function readAlternatives(reader: Reader, depth: number): Sequence {
  const parts: Sequence[] = [];
  let current: QueryClause[][] = [[]];
  let itemCount = 0;
  let totalItemCount = 0;
  let hasClauses = false;
  let pendingConnector: 'AND' | 'NOT' | null = null;
  let negateNext = false;

  const finishPart = (): void => {
    parts.push({ alternatives: hasClauses ? current : [], itemCount });
    totalItemCount += itemCount;
    current = [[]];
    itemCount = 0;
    hasClauses = false;
  };

  for (;;) {
    skipWhitespace(reader);
    const character = reader.input[reader.position];
    if (character === undefined) break;
    if (character === ')') {
      if (reader.ignoredParentheses > 0) {
        reader.ignoredParentheses -= 1;
        reader.position += 1;
        continue;
      }
      if (depth > 0) break;
      problem(reader, 'Unmatched ")" — ignored.');
      reader.position += 1;
      continue;
    }
    const operator = readOperator(reader);
    if (operator !== null) {
      if (pendingConnector !== null && operator !== 'NOT') {
        problem(reader, `"${pendingConnector}" with nothing after it — ignored.`);
        pendingConnector = null;
        negateNext = false;
      }
      if (operator === 'OR') {
        finishPart();
      } else if (operator === 'AND') {
        if (itemCount === 0) problem(reader, '"AND" with nothing before it — ignored.');
        else pendingConnector = 'AND';
      } else {
        if (negateNext) problem(reader, '"NOT NOT" — read as one NOT.');
        negateNext = true;
        pendingConnector = 'NOT';
      }
      continue;
    }
    const start = reader.position;
    const item = readItem(reader, depth, negateNext);
    // Every path through readItem reads at least one character; this guards the loop if one ever does not.
    if (reader.position === start) reader.position += 1;
    if (item.kind === 'nothing') continue;
    negateNext = false;
    pendingConnector = null;
    itemCount += 1;
    if (item.kind === 'clauses') {
      current = append(reader, current, item.alternatives);
      hasClauses = true;
    }
  }
  if (pendingConnector !== null) problem(reader, `"${pendingConnector}" with nothing after it — ignored.`);
  finishPart();

  if (parts.length > 1) {
    for (const part of parts) {
      if (part.alternatives.length > 0) continue;
      problem(
        reader,
        part.itemCount === 0
          ? '"OR" with nothing on one side — ignored.'
          : '"OR" beside filters only — filters apply to the whole query, so the OR was ignored.',
      );
    }
  }
  const alternatives = parts.flatMap((part) => part.alternatives);
  if (alternatives.length > QUERY_LIMITS.maxGroups) problem(reader, TOO_MANY_GROUPS);
  return { alternatives: alternatives.slice(0, QUERY_LIMITS.maxGroups), itemCount: totalItemCount };
}

/** Reads an uppercase OR, AND or NOT standing as a word of its own. */
function readOperator(reader: Reader): 'OR' | 'AND' | 'NOT' | null {
  for (const operator of ['OR', 'AND', 'NOT'] as const) {
    if (!reader.input.startsWith(operator, reader.position)) continue;
    const after = reader.input[reader.position + operator.length];
    if (after !== undefined && !WHITESPACE.test(after) && after !== '(' && after !== ')' && !QUOTES.has(after)) {
      return null;
    }
    reader.position += operator.length;
    return operator;
  }
  return null;
}

// ---- One clause, phrase, group or filter ----

function readItem(reader: Reader, depth: number, negated: boolean): ItemResult {
  const itemStart = reader.position;
  let presence: QueryPresence = negated ? 'prohibited' : 'optional';
  let signs = '';
  for (let sign = peek(reader); sign === '+' || sign === '-'; sign = peek(reader)) {
    signs += sign;
    presence = sign === '+' ? 'required' : 'prohibited';
    reader.position += 1;
  }
  while (peek(reader) === ':') {
    problem(reader, 'A lone ":" — ignored.');
    reader.position += 1;
  }
  if (atBoundary(reader)) {
    if (signs !== '') problem(reader, `A lone "${signs}" — ignored.`);
    return NOTHING;
  }
  if (signs.length + (negated ? 1 : 0) > 1) {
    problem(reader, `Several signs ("${negated ? 'NOT ' : ''}${signs}") on one clause — used the last.`);
  }
  const clauseStart = reader.position;
  const character = peek(reader) ?? '';
  if (character === '^' || character === '~') {
    const start = reader.position;
    readModifiers(reader, false);
    problem(reader, `A "${excerpt(reader.input.slice(start, reader.position))}" with no word before it — ignored.`);
    return NOTHING;
  }
  if (QUOTES.has(character)) return readPhraseItem(reader, null, presence);
  if (character === '(') return readGroupItem(reader, depth, null, presence);

  const word = scanWord(reader, true);
  if (peek(reader) !== ':') return readWordItem(reader, word, null, presence, clauseStart);
  reader.position += 1;
  const name = textOf(word).toLowerCase();
  const field = FIELD_NAMES.get(name);
  if (field !== undefined) return readFieldValue(reader, depth, [field], presence, clauseStart);
  if (FILTER_NAMES.has(name)) return readFilter(reader, depth, name, presence, itemStart, clauseStart);

  problem(reader, `Unknown field "${excerpt(textOf(word))}:" — searched "${excerpt(name)}" as a word.`);
  const nameClauses = termClauses(reader, word, textOf(word), null, presence, noModifiers());
  const nameAlternatives: Alternatives = nameClauses.length > 0 ? [nameClauses] : [[]];
  const value = readFieldValue(reader, depth, null, presence, clauseStart, true);
  const alternatives = combine(reader, nameAlternatives, value.kind === 'clauses' ? value.alternatives : [[]]);
  return alternatives.some((clauses) => clauses.length > 0) ? { kind: 'clauses', alternatives } : NOTHING;
}

/** The value after `field:`: a word, a "phrase" or a (group). */
function readFieldValue(
  reader: Reader,
  depth: number,
  fields: readonly SearchFieldName[] | null,
  presence: QueryPresence,
  clauseStart: number,
  quiet = false,
): ItemResult {
  const character = peek(reader);
  if (atBoundary(reader) || character === '^' || character === '~') {
    if (!quiet) {
      problem(reader, `"${excerpt(reader.input.slice(clauseStart, reader.position))}" has nothing after it — ignored.`);
    }
    return NOTHING;
  }
  if (character !== undefined && QUOTES.has(character)) return readPhraseItem(reader, fields, presence);
  if (character === '(') return readGroupItem(reader, depth, fields, presence);
  return readWordItem(reader, scanWord(reader, false), fields, presence, clauseStart);
}

function readWordItem(
  reader: Reader,
  word: readonly ScannedCharacter[],
  fields: readonly SearchFieldName[] | null,
  presence: QueryPresence,
  clauseStart: number,
): ItemResult {
  const modifiers = readModifiers(reader);
  const source = reader.input.slice(clauseStart, reader.position);
  const clauses = termClauses(reader, word, source, fields, presence, modifiers);
  return clauses.length > 0 ? { kind: 'clauses', alternatives: [clauses] } : NOTHING;
}

function readPhraseItem(
  reader: Reader,
  fields: readonly SearchFieldName[] | null,
  presence: QueryPresence,
): ItemResult {
  const content = readQuoted(reader);
  const modifiers = readModifiers(reader);
  if (modifiers.fuzzyText !== null) {
    problem(reader, `Fuzziness "${excerpt(modifiers.fuzzyText)}" doesn't apply to a phrase — ignored.`);
  }
  const words = splitWords(content);
  if (words.length === 0) {
    problem(reader, 'Empty quotes — ignored.');
    return NOTHING;
  }
  return { kind: 'clauses', alternatives: [[{ kind: 'phrase', words, fields, presence, boost: modifiers.boost }]] };
}

function readGroupItem(
  reader: Reader,
  depth: number,
  fields: readonly SearchFieldName[] | null,
  presence: QueryPresence,
): ItemResult {
  if (depth >= QUERY_LIMITS.maxDepth) {
    problem(reader, `Parentheses nested deeper than ${QUERY_LIMITS.maxDepth} — ignored the extra ones.`);
    reader.ignoredParentheses += 1;
    reader.position += 1;
    return NOTHING;
  }
  reader.position += 1;
  const inner = readAlternatives(reader, depth + 1);
  if (peek(reader) === ')') reader.position += 1;
  else problem(reader, 'Unclosed "(" — closed it at the end.');
  const modifiers = readModifiers(reader);
  if (modifiers.fuzzyText !== null) {
    problem(reader, `Fuzziness "${excerpt(modifiers.fuzzyText)}" doesn't apply to parentheses — ignored.`);
  }
  if (inner.alternatives.length === 0) {
    if (inner.itemCount > 0) return FILTER;
    problem(reader, 'Empty parentheses — ignored.');
    return NOTHING;
  }
  let alternatives: Alternatives = inner.alternatives.map((clauses) =>
    clauses.map((clause) => ({
      ...clause,
      fields: clause.fields ?? fields,
      // The product of two allowed boosts can leave the range; clamp it quietly, the parts were already reported.
      boost: Math.min(QUERY_LIMITS.maxBoost, Math.max(QUERY_LIMITS.minBoost, clause.boost * modifiers.boost)),
    })),
  );
  if (presence === 'required') {
    alternatives = alternatives.map((clauses) =>
      clauses.map((clause) => (clause.presence === 'optional' ? { ...clause, presence: 'required' } : clause)),
    );
  } else if (presence === 'prohibited') {
    alternatives = negate(reader, alternatives);
  }
  return { kind: 'clauses', alternatives };
}

// ---- Filters ----

function readFilter(
  reader: Reader,
  depth: number,
  name: string,
  presence: QueryPresence,
  itemStart: number,
  clauseStart: number,
): ItemResult {
  const character = peek(reader);
  let value: string;
  let quoted = false;
  if (character !== undefined && QUOTES.has(character)) {
    value = readQuoted(reader);
    quoted = true;
  } else if (atBoundary(reader)) {
    value = '';
  } else {
    value = textOf(scanWord(reader, false));
  }
  const valueEnd = reader.position;
  const modifiers = readModifiers(reader, false);
  const written = excerpt(reader.input.slice(clauseStart, valueEnd));
  if (modifiers.any) problem(reader, `Filters take no "^" or "~" — ignored them on "${written}".`);
  value = value.trim().toLowerCase();
  if (value === '') {
    problem(reader, `"${written}" has nothing after it — ignored.`);
    return NOTHING;
  }
  if (depth > 0) problem(reader, `"${written}" is inside parentheses, but filters apply to the whole query.`);
  const source = excerpt(reader.input.slice(itemStart, valueEnd));
  const negated = presence === 'prohibited';
  const { filters } = reader;

  switch (name) {
    case 'is':
      if (value === 'saved') setFlag(reader, 'saved', !negated, source);
      else if (value === 'unread') setFlag(reader, 'read', negated, source);
      else if (value === 'read') setFlag(reader, 'read', !negated, source);
      else problem(reader, `Unknown filter "${written}" (use is:saved, is:unread or is:read) — ignored.`);
      return FILTER;
    case 'has':
      if (value === 'note' || value === 'notes') setFlag(reader, 'hasNote', !negated, source);
      else problem(reader, `Unknown filter "${written}" (use has:note) — ignored.`);
      return FILTER;
    case 'after':
    case 'before':
    case 'date': {
      if (negated) {
        problem(reader, `"${source}": a date filter can't be excluded — ignored.`);
        return FILTER;
      }
      const period = parseCalendarPeriod(value);
      if (period !== null) {
        if (name !== 'before') filters.after = Math.max(filters.after ?? -Infinity, period.start);
        if (name !== 'after') filters.before = Math.min(filters.before ?? Infinity, period.end);
        return FILTER;
      }
      const span = name === 'date' ? parseRelativeSpan(value) : null;
      if (span === null) {
        problem(
          reader,
          name === 'date'
            ? `"${written}" is not a date or a span (use date:7d, date:24h, date:2w, date:3m, date:1y or date:2025-03) — ignored.`
            : `"${written}" is not a date (use YYYY-MM-DD) — ignored.`,
        );
        return FILTER;
      }
      const start = subtractRelativeSpan(reader.now, span);
      if (start === null) {
        problem(
          reader,
          Number.isNaN(reader.now)
            ? `"${written}" needs the current time, which is not valid — ignored.`
            : `"${written}" reaches outside the calendar — ignored.`,
        );
        return FILTER;
      }
      filters.after = Math.max(filters.after ?? -Infinity, start);
      return FILTER;
    }
    default: {
      // feed:
      const ids = value.split(',').map((part) => part.trim());
      if (ids.every((id) => /^\d{1,15}$/.test(id))) {
        if (negated) {
          problem(reader, `"${source}": a feed can't be excluded — ignored.`);
          return FILTER;
        }
        for (const id of ids.map(Number)) if (!filters.feedIds.includes(id)) filters.feedIds.push(id);
        return FILTER;
      }
      problem(reader, `"${written}" is not a feed number — searched source:${excerpt(value)} instead.`);
      const words = splitWords(value);
      const clauses: QueryClause[] = quoted
        ? words.length > 0
          ? [{ kind: 'phrase', words, fields: ['source'], presence, boost: 1 }]
          : []
        : termClauses(reader, unescaped(value), written, ['source'], presence, noModifiers());
      if (clauses.length === 0) return NOTHING;
      return { kind: 'clauses', alternatives: [clauses] };
    }
  }
}

function setFlag(reader: Reader, key: 'saved' | 'read' | 'hasNote', value: boolean, source: string): void {
  const existing = reader.filters[key];
  if (existing !== undefined && existing.value !== value) {
    problem(reader, `"${existing.source}" and "${source}" contradict each other — used the last.`);
  }
  reader.filters[key] = { value, source };
}

function finishFilters(reader: Reader): QueryFilters {
  const { saved, read, hasNote, after, before, feedIds } = reader.filters;
  if (after !== undefined && before !== undefined && after >= before) {
    problem(reader, 'The date filters leave no time between "after" and "before" — nothing can match.');
  }
  return {
    ...(saved === undefined ? {} : { saved: saved.value }),
    ...(read === undefined ? {} : { read: read.value }),
    ...(hasNote === undefined ? {} : { hasNote: hasNote.value }),
    ...(after === undefined ? {} : { after }),
    ...(before === undefined ? {} : { before }),
    ...(feedIds.length === 0 ? {} : { feedIds: [...feedIds] }),
  };
}

// ---- Terms ----

/**
 * Turns a scanned word into term clauses: split on `-` (lunr's separator) and,
 * in a field's value, on a further `:`; wildcards are read per part.
 */
function termClauses(
  reader: Reader,
  word: readonly ScannedCharacter[],
  source: string,
  fields: readonly SearchFieldName[] | null,
  presence: QueryPresence,
  modifiers: Modifiers,
): QueryTermClause[] {
  const parts: ScannedCharacter[][] = [[]];
  for (const scanned of word) {
    if (!scanned.escaped && (SEPARATOR.test(scanned.character) || scanned.character === ':')) {
      if (scanned.character === ':') {
        problem(reader, `Extra ":" in "${excerpt(source)}" — searched the parts as separate words.`);
      }
      parts.push([]);
    } else {
      parts[parts.length - 1]?.push(scanned);
    }
  }
  const clauses: QueryTermClause[] = [];
  for (const part of parts) {
    if (part.some((scanned) => scanned.escaped && scanned.character === '*')) {
      problem(reader, `A literal "*" can't be searched — dropped it from "${excerpt(source)}".`);
    }
    const characters = part.filter((scanned) => !(scanned.escaped && scanned.character === '*'));
    const isStar = (scanned: ScannedCharacter | undefined): boolean => scanned?.character === '*' && !scanned.escaped;
    let first = 0;
    let last = characters.length;
    while (first < last && isStar(characters[first])) first += 1;
    while (last > first && isStar(characters[last - 1])) last -= 1;
    const leading = first > 0;
    const trailing = last < characters.length;
    let text = '';
    for (const scanned of characters.slice(first, last)) {
      // One `*` per run: `w**ld` and `w*ld` mean the same.
      if (isStar(scanned) && text.endsWith('*')) continue;
      text += scanned.character;
    }
    text = text.toLowerCase();
    if (text === '') {
      if (leading) problem(reader, 'A lone "*" would match everything — ignored.');
      continue;
    }
    const inner = characters.slice(first, last).some(isStar);
    let editDistance = modifiers.editDistance;
    if ((leading || trailing || inner) && editDistance > 0) {
      problem(
        reader,
        `"${excerpt(source)}" can't be both a wildcard and fuzzy — ignored the "${modifiers.fuzzyText ?? '~'}".`,
      );
      editDistance = 0;
    }
    clauses.push({
      kind: 'term',
      text,
      fields,
      presence,
      boost: modifiers.boost,
      wildcard: { leading, trailing, inner },
      editDistance,
    });
  }
  return clauses;
}

/** Characters of already-unescaped text, none of them marked escaped. */
function unescaped(text: string): ScannedCharacter[] {
  // Code points, not code units: only ASCII operators are looked at, and a pair must stay whole.
  return Array.from(text, (character) => ({ character, escaped: false }));
}

// ---- Scanning ----

/**
 * Reads `^n` and `~n` / `~` right after a word, phrase or group; the last of
 * each kind wins. With `report` false they are only skipped, for a caller
 * that reports them as a whole.
 */
function readModifiers(reader: Reader, report = true): Modifiers {
  let boost = 1;
  let editDistance = 0;
  let fuzzyText: string | null = null;
  let any = false;
  const note = (message: string): void => {
    if (report) problem(reader, message);
  };
  for (let marker = peek(reader); marker === '^' || marker === '~'; marker = peek(reader)) {
    any = true;
    const start = reader.position;
    reader.position += 1;
    const digits = (marker === '^' ? /^\d+(?:\.\d+)?/ : /^\d+/).exec(
      reader.input.slice(reader.position, reader.position + 32),
    );
    const number = digits?.[0] ?? '';
    reader.position += number.length;
    // A digit run longer than the window just becomes a number followed by more text.
    if (marker === '^') {
      if (number === '') {
        note('A "^" needs a number after it (like gallium^10) — ignored.');
        continue;
      }
      boost = Number(number);
      if (boost < QUERY_LIMITS.minBoost) {
        note(`Boost "^${excerpt(number)}" is below ${QUERY_LIMITS.minBoost} — used ^${QUERY_LIMITS.minBoost}.`);
        boost = QUERY_LIMITS.minBoost;
      } else if (boost > QUERY_LIMITS.maxBoost) {
        note(`Boost "^${excerpt(number)}" is above ${QUERY_LIMITS.maxBoost} — used ^${QUERY_LIMITS.maxBoost}.`);
        boost = QUERY_LIMITS.maxBoost;
      }
    } else {
      fuzzyText = reader.input.slice(start, reader.position);
      editDistance = number === '' ? 1 : Number(number);
      if (editDistance > QUERY_LIMITS.maxEditDistance) {
        note(
          `Fuzziness "~${excerpt(number)}" is above ${QUERY_LIMITS.maxEditDistance} — used ~${QUERY_LIMITS.maxEditDistance}.`,
        );
        editDistance = QUERY_LIMITS.maxEditDistance;
      }
    }
  }
  return { boost, editDistance, fuzzyText, any };
}

function noModifiers(): Modifiers {
  return { boost: 1, editDistance: 0, fuzzyText: null, any: false };
}

/**
 * Reads a word up to whitespace, a quote, a parenthesis, `^` or `~` (and `:`
 * when `stopAtColon`, where the word may be a field name). Backslash escapes
 * are resolved here.
 */
function scanWord(reader: Reader, stopAtColon: boolean): ScannedCharacter[] {
  const { input } = reader;
  const word: ScannedCharacter[] = [];
  while (reader.position < input.length) {
    const character = input[reader.position] ?? '';
    const next = input[reader.position + 1];
    if (character === '\\' && next !== undefined && ESCAPABLE.has(next)) {
      word.push({ character: next, escaped: true });
      reader.position += 2;
      continue;
    }
    if (endsWord(character) || (stopAtColon && character === ':')) break;
    word.push({ character, escaped: false });
    reader.position += 1;
  }
  return word;
}

/** Reads a quoted string from its opening quote; `\"` and `\\` inside are literal. */
function readQuoted(reader: Reader): string {
  const { input } = reader;
  reader.position += 1;
  let content = '';
  while (reader.position < input.length) {
    const character = input[reader.position] ?? '';
    const next = input[reader.position + 1];
    if (character === '\\' && next !== undefined && (QUOTES.has(next) || next === '\\')) {
      content += next;
      reader.position += 2;
      continue;
    }
    reader.position += 1;
    if (QUOTES.has(character)) return content;
    content += character;
  }
  problem(reader, 'Unclosed quote — searched the phrase to the end.');
  return content;
}

function splitWords(text: string): string[] {
  return text
    .split(/[\s-]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

function textOf(word: readonly ScannedCharacter[]): string {
  return word.map((scanned) => scanned.character).join('');
}

function endsWord(character: string): boolean {
  return (
    WHITESPACE.test(character) ||
    QUOTES.has(character) ||
    character === '(' ||
    character === ')' ||
    character === '^' ||
    character === '~'
  );
}

/** At the end, at whitespace or at a `)`: nothing more belongs to this clause. */
function atBoundary(reader: Reader): boolean {
  const character = peek(reader);
  return character === undefined || character === ')' || WHITESPACE.test(character);
}

function peek(reader: Reader): string | undefined {
  return reader.input[reader.position];
}

function skipWhitespace(reader: Reader): void {
  while (reader.position < reader.input.length && WHITESPACE.test(reader.input[reader.position] ?? '')) {
    reader.position += 1;
  }
}

// ---- Alternatives ----

/**
 * `left` followed by `right`, reusing `left`'s arrays when `right` has one
 * alternative (the usual case: one word after another), so that a long query
 * reads in linear time.
 */
function append(reader: Reader, left: QueryClause[][], right: Alternatives): QueryClause[][] {
  const [only, ...others] = right;
  if (only === undefined || others.length > 0) return combine(reader, left, right);
  for (const clauses of left) for (const clause of only) clauses.push(clause);
  return left;
}

/** Every alternative of `left` followed by every one of `right`: how a clause list distributes over OR. */
function combine(reader: Reader, left: Alternatives, right: Alternatives): QueryClause[][] {
  const result: QueryClause[][] = [];
  for (const first of left) {
    for (const second of right) {
      if (result.length === QUERY_LIMITS.maxGroups) {
        problem(reader, TOO_MANY_GROUPS);
        return result;
      }
      result.push([...first, ...second]);
    }
  }
  return result;
}

/**
 * `-( … )`: NOT of an OR is the AND of the NOTs. One alternative matches when
 * it has all its required clauses (or, with none, any optional one) and none
 * of its prohibited ones, so its negation is: lacks one required clause, or
 * lacks every optional one, or has one prohibited clause.
 */
function negate(reader: Reader, alternatives: Alternatives): Alternatives {
  let result: Alternatives = [[]];
  for (const clauses of alternatives) {
    const required = clauses.filter((clause) => clause.presence === 'required');
    const optional = clauses.filter((clause) => clause.presence === 'optional');
    const prohibited = clauses.filter((clause) => clause.presence === 'prohibited');
    const negation: QueryClause[][] = [];
    if (required.length > 0) {
      for (const clause of required) negation.push([{ ...clause, presence: 'prohibited' }]);
    } else if (optional.length > 0) {
      negation.push(optional.map((clause) => ({ ...clause, presence: 'prohibited' })));
    }
    for (const clause of prohibited) negation.push([{ ...clause, presence: 'required' }]);
    result = combine(reader, result, negation);
  }
  return result;
}

// ---- Problems ----

function problem(reader: Reader, message: string): void {
  reader.problems.add(message);
}

/** Quotes the user's text in a message without letting a pasted page flood it. */
function excerpt(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 39)}…`;
}
