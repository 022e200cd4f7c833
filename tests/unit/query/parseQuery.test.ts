import { describe, expect, it } from 'vitest';
import { parseQuery, QUERY_LIMITS } from '../../../electron/shared/query/parseQuery.ts';
import {
  SEARCH_FIELD_NAMES,
  type ParsedQuery,
  type QueryClause,
  type QueryPhraseClause,
  type QueryTermClause,
} from '../../../electron/shared/query/ParsedQuery.ts';
import { SEARCH_FIELDS } from '../../../electron/core/search/SearchDocument.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
const DAY = 86_400_000;

function parse(input: string, now: Date = NOW): ParsedQuery {
  return parseQuery(input, { now });
}

function term(text: string, overrides: Partial<Omit<QueryTermClause, 'kind' | 'text'>> = {}): QueryTermClause {
  return {
    kind: 'term',
    text,
    fields: null,
    presence: 'optional',
    boost: 1,
    wildcard: { leading: false, trailing: false, inner: false },
    editDistance: 0,
    ...overrides,
  };
}

function phrase(words: string, overrides: Partial<Omit<QueryPhraseClause, 'kind' | 'words'>> = {}): QueryPhraseClause {
  return { kind: 'phrase', words: words.split(' '), fields: null, presence: 'optional', boost: 1, ...overrides };
}

/** The groups' clauses, for queries expected to parse cleanly. */
function clean(input: string): QueryClause[][] {
  const parsed = parse(input);
  expect(parsed.problems).toEqual([]);
  return parsed.groups.map((group) => [...group.clauses]);
}

function problemsOf(input: string): readonly string[] {
  return parse(input).problems;
}

const utc = (text: string): number => Date.parse(`${text}Z`);

describe('parseQuery: terms', () => {
  it('reads words as optional terms in all fields, lowercased, split on any whitespace', () => {
    expect(clean('Gallium  GERMANIUM\tneodymium\u3000稀土\u00a0x')).toEqual([
      [term('gallium'), term('germanium'), term('neodymium'), term('稀土'), term('x')],
    ]);
  });

  it('reads + as required and - as prohibited', () => {
    expect(clean('+gallium -potash china')).toEqual([
      [term('gallium', { presence: 'required' }), term('potash', { presence: 'prohibited' }), term('china')],
    ]);
  });

  it('splits on - inside a word as lunr tokenizes, keeping the sign, field, boost and fuzziness on every part', () => {
    expect(clean('rare-earth')).toEqual([[term('rare'), term('earth')]]);
    expect(clean('-rare-earth')).toEqual([
      [term('rare', { presence: 'prohibited' }), term('earth', { presence: 'prohibited' })],
    ]);
    expect(clean('+title:rare-earth^2')).toEqual([
      [
        term('rare', { presence: 'required', fields: ['title'], boost: 2 }),
        term('earth', { presence: 'required', fields: ['title'], boost: 2 }),
      ],
    ]);
    expect(clean('export-controls~1')).toEqual([
      [term('export', { editDistance: 1 }), term('controls', { editDistance: 1 })],
    ]);
    expect(clean('a--b- c++')).toEqual([[term('a'), term('b'), term('c++')]]);
  });

  it('treats lowercase or and and as ordinary words', () => {
    expect(clean('gallium or germanium and')).toEqual([[term('gallium'), term('or'), term('germanium'), term('and')]]);
  });

  it('makes an operator character ordinary after a backslash', () => {
    expect(clean('10\\:30 \\-5 \\(x\\) a\\~b c\\^2 \\+1 \\\\ rare\\-earth')).toEqual([
      [term('10:30'), term('-5'), term('(x)'), term('a~b'), term('c^2'), term('+1'), term('\\'), term('rare-earth')],
    ]);
  });

  it('keeps a backslash before an ordinary character', () => {
    expect(clean('a\\b')).toEqual([[term('a\\b')]]);
  });
});

describe('parseQuery: fields', () => {
  it('scopes a term to a field, with aliases and any case', () => {
    expect(
      clean('title:a author:b source:c topic:d topics:e category:f categories:g text:h body:i TITLE:j Body:k'),
    ).toEqual([
      [
        term('a', { fields: ['title'] }),
        term('b', { fields: ['author'] }),
        term('c', { fields: ['source'] }),
        term('d', { fields: ['topics'] }),
        term('e', { fields: ['topics'] }),
        term('f', { fields: ['categories'] }),
        term('g', { fields: ['categories'] }),
        term('h', { fields: ['text'] }),
        term('i', { fields: ['text'] }),
        term('j', { fields: ['title'] }),
        term('k', { fields: ['text'] }),
      ],
    ]);
  });

  it('reads note: and notes: as the notes field (notes and highlights)', () => {
    expect(clean('note:gallium Notes:"export licence"')).toEqual([
      [term('gallium', { fields: ['notes'] }), phrase('export licence', { fields: ['notes'] })],
    ]);
  });

  it('names the same fields as the search engine', () => {
    expect([...SEARCH_FIELD_NAMES]).toEqual([...SEARCH_FIELDS]);
  });

  it('searches an unknown field as words, and says so', () => {
    const parsed = parse('colour:red');
    expect(parsed.groups).toEqual([{ clauses: [term('colour'), term('red')] }]);
    expect(parsed.problems).toEqual(['Unknown field "colour:" — searched "colour" as a word.']);
    expect(parse('-Colour:"dark red"').groups).toEqual([
      { clauses: [term('colour', { presence: 'prohibited' }), phrase('dark red', { presence: 'prohibited' })] },
    ]);
    expect(parse('colour:').groups).toEqual([{ clauses: [term('colour')] }]);
  });

  it('reads foo:bar:baz (lunr throws) as words', () => {
    const parsed = parse('foo:bar:baz');
    expect(parsed.groups).toEqual([{ clauses: [term('foo'), term('bar'), term('baz')] }]);
    expect(parsed.problems).toEqual([
      'Unknown field "foo:" — searched "foo" as a word.',
      'Extra ":" in "foo:bar:baz" — searched the parts as separate words.',
    ]);
    expect(parse('title:bar:baz')).toEqual({
      groups: [{ clauses: [term('bar', { fields: ['title'] }), term('baz', { fields: ['title'] })] }],
      filters: {},
      problems: ['Extra ":" in "title:bar:baz" — searched the parts as separate words.'],
      isEmpty: false,
    });
  });

  it('ignores a field with nothing after it', () => {
    expect(parse('title: gallium')).toEqual({
      groups: [{ clauses: [term('gallium')] }],
      filters: {},
      problems: ['"title:" has nothing after it — ignored.'],
      isEmpty: false,
    });
    expect(problemsOf('+title:')).toEqual(['"title:" has nothing after it — ignored.']);
  });
});

describe('parseQuery: wildcards, fuzziness, boosts', () => {
  it('reads trailing, leading and inner wildcards, keeping only inner * in the text', () => {
    expect(clean('german* *mania ge*ium *lli* ge**ium title:Ga*')).toEqual([
      [
        term('german', { wildcard: { leading: false, trailing: true, inner: false } }),
        term('mania', { wildcard: { leading: true, trailing: false, inner: false } }),
        term('ge*ium', { wildcard: { leading: false, trailing: false, inner: true } }),
        term('lli', { wildcard: { leading: true, trailing: true, inner: false } }),
        term('ge*ium', { wildcard: { leading: false, trailing: false, inner: true } }),
        term('ga', { fields: ['title'], wildcard: { leading: false, trailing: true, inner: false } }),
      ],
    ]);
  });

  it('ignores a lone * and a literal \\*', () => {
    expect(parse('* ** gallium')).toEqual({
      groups: [{ clauses: [term('gallium')] }],
      filters: {},
      problems: ['A lone "*" would match everything — ignored.'],
      isEmpty: false,
    });
    expect(parse('gall\\*ium').groups).toEqual([{ clauses: [term('gallium')] }]);
    expect(problemsOf('gall\\*ium')).toEqual(['A literal "*" can\'t be searched — dropped it from "gall\\*ium".']);
  });

  it('reads ~n as an edit distance, ~ alone as 1, and clamps above 2', () => {
    expect(clean('gallium~ gallium~0 gallium~1 gallium~2')).toEqual([
      [
        term('gallium', { editDistance: 1 }),
        term('gallium'),
        term('gallium', { editDistance: 1 }),
        term('gallium', { editDistance: 2 }),
      ],
    ]);
    const parsed = parse('gallium~5');
    expect(parsed.groups).toEqual([{ clauses: [term('gallium', { editDistance: 2 })] }]);
    expect(parsed.problems).toEqual(['Fuzziness "~5" is above 2 — used ~2.']);
  });

  it('reads ^n as a boost, decimals included, and clamps it into range', () => {
    expect(clean('gallium^10 potash^0.5 title:"rare earth"^3')).toEqual([
      [
        term('gallium', { boost: 10 }),
        term('potash', { boost: 0.5 }),
        phrase('rare earth', { fields: ['title'], boost: 3 }),
      ],
    ]);
    expect(parse('a^0 b^5000')).toEqual({
      groups: [{ clauses: [term('a', { boost: QUERY_LIMITS.minBoost }), term('b', { boost: QUERY_LIMITS.maxBoost })] }],
      filters: {},
      problems: ['Boost "^0" is below 0.1 — used ^0.1.', 'Boost "^5000" is above 1000 — used ^1000.'],
      isEmpty: false,
    });
  });

  it('takes the last of repeated modifiers and accepts them in any order', () => {
    expect(clean('gallium~1^2~2 germanium^2^3')).toEqual([
      [term('gallium', { boost: 2, editDistance: 2 }), term('germanium', { boost: 3 })],
    ]);
  });

  it('starts a new term after a modifier, as lunr does', () => {
    expect(clean('title:foo^2bar')).toEqual([[term('foo', { fields: ['title'], boost: 2 }), term('bar')]]);
  });

  it('does not combine a wildcard with fuzziness', () => {
    const parsed = parse('german*~1');
    expect(parsed.groups).toEqual([
      { clauses: [term('german', { wildcard: { leading: false, trailing: true, inner: false } })] },
    ]);
    expect(parsed.problems).toEqual(['"german*~1" can\'t be both a wildcard and fuzzy — ignored the "~1".']);
  });

  it('ignores a ^ without a number', () => {
    expect(parse('gallium^ x')).toEqual({
      groups: [{ clauses: [term('gallium'), term('x')] }],
      filters: {},
      problems: ['A "^" needs a number after it (like gallium^10) — ignored.'],
      isEmpty: false,
    });
  });
});

describe('parseQuery: phrases', () => {
  it('reads a phrase as lowercased words split on whitespace and -', () => {
    expect(clean('"Rare-Earth  magnets" "x"')).toEqual([[phrase('rare earth magnets'), phrase('x')]]);
  });

  it('reads a phrase with a field, a sign and a boost', () => {
    expect(clean('+title:"export controls" -"press release" topic:"Critical minerals"^2')).toEqual([
      [
        phrase('export controls', { fields: ['title'], presence: 'required' }),
        phrase('press release', { presence: 'prohibited' }),
        phrase('critical minerals', { fields: ['topics'], boost: 2 }),
      ],
    ]);
  });

  it('keeps operator characters inside a phrase as typed', () => {
    expect(clean('"a:b +c OR (d) e*"')).toEqual([[phrase('a:b +c or (d) e*')]]);
  });

  it('accepts curly quotes and escaped quotes', () => {
    expect(clean('\u201Crare earths\u201D "say \\"hi\\""')).toEqual([[phrase('rare earths'), phrase('say "hi"')]]);
  });

  it('starts a phrase right after a word', () => {
    expect(clean('gallium"rare earth"')).toEqual([[term('gallium'), phrase('rare earth')]]);
  });

  it('searches an unclosed phrase to the end', () => {
    expect(parse('gallium "rare earth')).toEqual({
      groups: [{ clauses: [term('gallium'), phrase('rare earth')] }],
      filters: {},
      problems: ['Unclosed quote — searched the phrase to the end.'],
      isEmpty: false,
    });
  });

  it('ignores empty quotes and fuzziness on a phrase', () => {
    expect(parse('"" " - " x')).toEqual({
      groups: [{ clauses: [term('x')] }],
      filters: {},
      problems: ['Empty quotes — ignored.'],
      isEmpty: false,
    });
    const parsed = parse('"rare earth"~2');
    expect(parsed.groups).toEqual([{ clauses: [phrase('rare earth')] }]);
    expect(parsed.problems).toEqual(['Fuzziness "~2" doesn\'t apply to a phrase — ignored.']);
  });
});

describe('parseQuery: stray characters', () => {
  it.each([
    ['+ gallium', 'A lone "+" — ignored.', ['gallium']],
    ['gallium -', 'A lone "-" — ignored.', ['gallium']],
    ['gallium - germanium', 'A lone "-" — ignored.', ['gallium', 'germanium']],
    ['gallium : germanium', 'A lone ":" — ignored.', ['gallium', 'germanium']],
    ['gallium ~ germanium', 'A "~" with no word before it — ignored.', ['gallium', 'germanium']],
    ['gallium ^ germanium', 'A "^" with no word before it — ignored.', ['gallium', 'germanium']],
    ['gallium ^3 germanium', 'A "^3" with no word before it — ignored.', ['gallium', 'germanium']],
    ['gallium ~9^ germanium', 'A "~9^" with no word before it — ignored.', ['gallium', 'germanium']],
  ])('%j → %j', (input, message, words) => {
    const parsed = parse(input);
    expect(parsed.problems).toEqual([message]);
    expect(parsed.groups).toEqual([{ clauses: words.map((word) => term(word)) }]);
  });

  it('keeps the sign across stray colons and uses the last of several signs', () => {
    expect(parse('+:gallium').groups).toEqual([{ clauses: [term('gallium', { presence: 'required' })] }]);
    const parsed = parse('+-gallium');
    expect(parsed.groups).toEqual([{ clauses: [term('gallium', { presence: 'prohibited' })] }]);
    expect(parsed.problems).toEqual(['Several signs ("+-") on one clause — used the last.']);
  });

  it('ignores an unmatched )', () => {
    expect(parse('gallium) germanium')).toEqual({
      groups: [{ clauses: [term('gallium'), term('germanium')] }],
      filters: {},
      problems: ['Unmatched ")" — ignored.'],
      isEmpty: false,
    });
  });
});

describe('parseQuery: OR, AND, NOT', () => {
  it('splits the query into groups at a top-level OR', () => {
    expect(clean('gallium OR germanium')).toEqual([[term('gallium')], [term('germanium')]]);
    expect(clean('"rare earth" OR neodymium OR gallium')).toEqual([
      [phrase('rare earth')],
      [term('neodymium')],
      [term('gallium')],
    ]);
  });

  it('binds OR loosest: each side keeps its own signs', () => {
    expect(clean('+china gallium OR -potash germanium')).toEqual([
      [term('china', { presence: 'required' }), term('gallium')],
      [term('potash', { presence: 'prohibited' }), term('germanium')],
    ]);
  });

  it('reads AND as nothing and NOT as -', () => {
    expect(clean('gallium AND germanium')).toEqual([[term('gallium'), term('germanium')]]);
    expect(clean('gallium NOT potash NOT "press release"')).toEqual([
      [
        term('gallium'),
        term('potash', { presence: 'prohibited' }),
        phrase('press release', { presence: 'prohibited' }),
      ],
    ]);
  });

  it('reads OR, AND and NOT as words when they are part of a word or signed', () => {
    expect(clean('ORACLE ANDES NOTE +OR')).toEqual([
      [term('oracle'), term('andes'), term('note'), term('or', { presence: 'required' })],
    ]);
  });

  it('ignores a dangling OR, AND or NOT', () => {
    expect(parse('OR gallium OR OR germanium OR')).toEqual({
      groups: [{ clauses: [term('gallium')] }, { clauses: [term('germanium')] }],
      filters: {},
      problems: ['"OR" with nothing on one side — ignored.'],
      isEmpty: false,
    });
    expect(problemsOf('AND gallium')).toEqual(['"AND" with nothing before it — ignored.']);
    expect(problemsOf('gallium AND')).toEqual(['"AND" with nothing after it — ignored.']);
    expect(problemsOf('gallium NOT')).toEqual(['"NOT" with nothing after it — ignored.']);
    expect(problemsOf('gallium AND OR germanium')).toEqual(['"AND" with nothing after it — ignored.']);
  });

  it('ignores an OR whose other side is only filters, keeping the filters', () => {
    expect(parse('is:saved OR gallium')).toEqual({
      groups: [{ clauses: [term('gallium')] }],
      filters: { saved: true },
      problems: ['"OR" beside filters only — filters apply to the whole query, so the OR was ignored.'],
      isEmpty: false,
    });
  });
});

describe('parseQuery: parentheses', () => {
  it('expands an optional group into one group per alternative', () => {
    expect(clean('(gallium OR germanium) china')).toEqual([
      [term('gallium'), term('china')],
      [term('germanium'), term('china')],
    ]);
  });

  it('makes the optional clauses in +( ) required', () => {
    expect(clean('+(gallium OR germanium) +china')).toEqual([
      [term('gallium', { presence: 'required' }), term('china', { presence: 'required' })],
      [term('germanium', { presence: 'required' }), term('china', { presence: 'required' })],
    ]);
    expect(clean('+(a -b)')).toEqual([[term('a', { presence: 'required' }), term('b', { presence: 'prohibited' })]]);
  });

  it('negates -( ) and NOT ( ) by De Morgan', () => {
    const prohibited = { presence: 'prohibited' } as const;
    const required = { presence: 'required' } as const;
    expect(clean('x -(a OR b)')).toEqual([[term('x'), term('a', prohibited), term('b', prohibited)]]);
    expect(clean('x NOT (a b)')).toEqual([[term('x'), term('a', prohibited), term('b', prohibited)]]);
    // not (a and b) = not a, or not b
    expect(clean('x -(+a +b)')).toEqual([
      [term('x'), term('a', prohibited)],
      [term('x'), term('b', prohibited)],
    ]);
    // not (a and not b) = not a, or b
    expect(clean('x -(a -b)')).toEqual([
      [term('x'), term('a', prohibited)],
      [term('x'), term('b', required)],
    ]);
    expect(clean('-(-a)')).toEqual([[term('a', required)]]);
  });

  it('gives a group field to its clauses without one, and multiplies its boost in', () => {
    expect(clean('title:(gallium OR author:smith "rare earth")^2')).toEqual([
      [term('gallium', { fields: ['title'], boost: 2 })],
      [term('smith', { fields: ['author'], boost: 2 }), phrase('rare earth', { fields: ['title'], boost: 2 })],
    ]);
  });

  it('nests', () => {
    expect(clean('((a OR b) (c OR d))')).toEqual([
      [term('a'), term('c')],
      [term('a'), term('d')],
      [term('b'), term('c')],
      [term('b'), term('d')],
    ]);
  });

  it('recovers from empty and unclosed parentheses', () => {
    expect(parse('() x')).toEqual({
      groups: [{ clauses: [term('x')] }],
      filters: {},
      problems: ['Empty parentheses — ignored.'],
      isEmpty: false,
    });
    expect(parse('x (a OR b')).toEqual({
      groups: [{ clauses: [term('x'), term('a')] }, { clauses: [term('x'), term('b')] }],
      filters: {},
      problems: ['Unclosed "(" — closed it at the end.'],
      isEmpty: false,
    });
  });

  it('ignores parentheses nested too deep', () => {
    const parsed = parse(`${'('.repeat(20)}a${')'.repeat(20)} b`);
    expect(parsed.groups).toEqual([{ clauses: [term('a'), term('b')] }]);
    expect(parsed.problems).toEqual(['Parentheses nested deeper than 8 — ignored the extra ones.']);
  });

  it(`keeps at most ${QUERY_LIMITS.maxGroups} groups`, () => {
    const parsed = parse('(a OR b) (c OR d) (e OR f) (g OR h) (i OR j) (k OR l)');
    expect(parsed.groups).toHaveLength(QUERY_LIMITS.maxGroups);
    expect(parsed.problems).toEqual([`Too many OR combinations — kept the first ${QUERY_LIMITS.maxGroups}.`]);
    const many = parse(Array.from({ length: 40 }, (_, index) => `w${index}`).join(' OR '));
    expect(many.groups).toHaveLength(QUERY_LIMITS.maxGroups);
    expect(many.problems).toEqual([`Too many OR combinations — kept the first ${QUERY_LIMITS.maxGroups}.`]);
  });
});

describe('parseQuery: filters', () => {
  it('reads is:, has: and their negations', () => {
    expect(parse('is:saved is:unread has:note').filters).toEqual({ saved: true, read: false, hasNote: true });
    expect(parse('IS:Read -has:notes').filters).toEqual({ read: true, hasNote: false });
    expect(parse('-is:saved -is:unread').filters).toEqual({ saved: false, read: true });
    expect(parse('NOT is:read').filters).toEqual({ read: false });
    expect(parse('is:"saved"').filters).toEqual({ saved: true });
  });

  it('uses the last of contradicting flags, and says so', () => {
    const parsed = parse('is:read is:unread');
    expect(parsed.filters).toEqual({ read: false });
    expect(parsed.problems).toEqual(['"is:read" and "is:unread" contradict each other — used the last.']);
  });

  it('ignores unknown is: and has: values', () => {
    expect(parse('is:starred has:pdf')).toEqual({
      groups: [],
      filters: {},
      problems: [
        'Unknown filter "is:starred" (use is:saved, is:unread or is:read) — ignored.',
        'Unknown filter "has:pdf" (use has:note) — ignored.',
      ],
      isEmpty: true,
    });
  });

  it('reads after: from the start of the period and before: to its end (both included, UTC)', () => {
    expect(parse('after:2025-01-01').filters).toEqual({ after: utc('2025-01-01T00:00') });
    expect(parse('after:2025-03').filters).toEqual({ after: utc('2025-03-01T00:00') });
    expect(parse('after:2025').filters).toEqual({ after: utc('2025-01-01T00:00') });
    expect(parse('before:2025-02-01').filters).toEqual({ before: utc('2025-02-02T00:00') });
    expect(parse('before:2025-02').filters).toEqual({ before: utc('2025-03-01T00:00') });
    expect(parse('before:2024').filters).toEqual({ before: utc('2025-01-01T00:00') });
    expect(parse('before:2025-12').filters).toEqual({ before: utc('2026-01-01T00:00') });
    expect(parse('after:2025-01 before:2025-01').filters).toEqual({
      after: utc('2025-01-01T00:00'),
      before: utc('2025-02-01T00:00'),
    });
  });

  it('keeps the tightest of several date filters', () => {
    expect(parse('after:2024 after:2025-03 before:2025-12 before:2025-06').filters).toEqual({
      after: utc('2025-03-01T00:00'),
      before: utc('2025-07-01T00:00'),
    });
  });

  it('knows leap years', () => {
    expect(parse('after:2024-02-29').filters).toEqual({ after: utc('2024-02-29T00:00') });
    expect(problemsOf('after:2025-02-29')).toEqual(['"after:2025-02-29" is not a date (use YYYY-MM-DD) — ignored.']);
  });

  it.each(['2025-13-01', '2025-00-10', '2025-04-31', '25-01-01', '2025-1-1', 'yesterday', '2025-01-01T10:00'])(
    'ignores after:%s, which is not a date',
    (value) => {
      const parsed = parse(`after:${value}`);
      expect(parsed.filters).toEqual({});
      expect(parsed.problems).toEqual([`"after:${value}" is not a date (use YYYY-MM-DD) — ignored.`]);
    },
  );

  it('reads date: relative to now', () => {
    const now = NOW.getTime();
    expect(parse('date:24h').filters).toEqual({ after: now - DAY });
    expect(parse('date:7d').filters).toEqual({ after: now - 7 * DAY });
    expect(parse('date:2w').filters).toEqual({ after: now - 14 * DAY });
    expect(parse('date:3m').filters).toEqual({ after: Date.parse('2025-03-15T12:00:00Z') });
    expect(parse('date:1y').filters).toEqual({ after: Date.parse('2024-06-15T12:00:00Z') });
    expect(parse('date:0d').filters).toEqual({ after: now });
  });

  it('clamps date:1m to the end of a shorter month', () => {
    const now = new Date('2024-03-31T08:00:00Z');
    expect(parse('date:1m', now).filters).toEqual({ after: Date.parse('2024-02-29T08:00:00Z') });
    expect(parse('date:13m', now).filters).toEqual({ after: Date.parse('2023-02-28T08:00:00Z') });
  });

  it('reads date: with a calendar period as that whole period', () => {
    expect(parse('date:2025-03').filters).toEqual({ after: utc('2025-03-01T00:00'), before: utc('2025-04-01T00:00') });
  });

  it('ignores a date: that is neither', () => {
    const parsed = parse('date:7 date:7x');
    expect(parsed.filters).toEqual({});
    expect(parsed.problems).toEqual([
      '"date:7" is not a date or a span (use date:7d, date:24h, date:2w, date:3m, date:1y or date:2025-03) — ignored.',
      '"date:7x" is not a date or a span (use date:7d, date:24h, date:2w, date:3m, date:1y or date:2025-03) — ignored.',
    ]);
  });

  it('ignores a relative date when now is not a valid date, or the span leaves the calendar', () => {
    expect(parse('date:7d', new Date(Number.NaN)).problems).toEqual([
      '"date:7d" needs the current time, which is not valid — ignored.',
    ]);
    expect(parse('date:999999y').problems).toEqual(['"date:999999y" reaches outside the calendar — ignored.']);
  });

  it('uses the clock when no now is given', () => {
    const before = Date.now();
    const after = parseQuery('date:1d').filters.after ?? Number.NaN;
    expect(after).toBeGreaterThanOrEqual(before - DAY);
    expect(after).toBeLessThanOrEqual(Date.now() - DAY);
  });

  it('says when the dates leave nothing', () => {
    const parsed = parse('after:2025-03 before:2025-02');
    expect(parsed.filters).toEqual({ after: utc('2025-03-01T00:00'), before: utc('2025-03-01T00:00') });
    expect(parsed.problems).toEqual([
      'The date filters leave no time between "after" and "before" — nothing can match.',
    ]);
  });

  it('does not exclude dates or feeds', () => {
    const parsed = parse('-after:2025 -feed:12 NOT date:7d');
    expect(parsed.filters).toEqual({});
    expect(parsed.problems).toEqual([
      '"-after:2025": a date filter can\'t be excluded — ignored.',
      '"-feed:12": a feed can\'t be excluded — ignored.',
      '"date:7d": a date filter can\'t be excluded — ignored.',
    ]);
  });

  it('reads feed: ids, one or several', () => {
    expect(parse('feed:12').filters).toEqual({ feedIds: [12] });
    expect(parse('feed:12,13 feed:12 feed:7').filters).toEqual({ feedIds: [12, 13, 7] });
  });

  it('searches feed:name as source:name', () => {
    expect(parse('feed:Reuters')).toEqual({
      groups: [{ clauses: [term('reuters', { fields: ['source'] })] }],
      filters: {},
      problems: ['"feed:Reuters" is not a feed number — searched source:reuters instead.'],
      isEmpty: false,
    });
    expect(parse('+feed:"Financial Times"').groups).toEqual([
      { clauses: [phrase('financial times', { fields: ['source'], presence: 'required' })] },
    ]);
  });

  it('ignores an empty filter and modifiers on a filter', () => {
    expect(problemsOf('after: is:')).toEqual([
      '"after:" has nothing after it — ignored.',
      '"is:" has nothing after it — ignored.',
    ]);
    const parsed = parse('is:saved^2');
    expect(parsed.filters).toEqual({ saved: true });
    expect(parsed.problems).toEqual(['Filters take no "^" or "~" — ignored them on "is:saved".']);
  });

  it('applies a filter written inside parentheses to the whole query, and says so', () => {
    const parsed = parse('-(gallium is:saved)');
    expect(parsed.groups).toEqual([{ clauses: [term('gallium', { presence: 'prohibited' })] }]);
    expect(parsed.filters).toEqual({ saved: true });
    expect(parsed.problems).toEqual(['"is:saved" is inside parentheses, but filters apply to the whole query.']);
  });

  it('reads a query of filters only as no groups, not empty', () => {
    expect(clean('is:unread date:7d')).toEqual([]);
    expect(parse('is:unread date:7d').isEmpty).toBe(false);
  });
});

describe('parseQuery: whole queries', () => {
  it('reads the example from the issue', () => {
    expect(parse('+title:"export controls" -potash after:2025-01-01 is:unread gallium~1 OR germanium*')).toEqual({
      groups: [
        {
          clauses: [
            phrase('export controls', { fields: ['title'], presence: 'required' }),
            term('potash', { presence: 'prohibited' }),
            term('gallium', { editDistance: 1 }),
          ],
        },
        { clauses: [term('germanium', { wildcard: { leading: false, trailing: true, inner: false } })] },
      ],
      filters: { read: false, after: utc('2025-01-01T00:00') },
      problems: [],
      isEmpty: false,
    });
  });

  it('keeps an all-prohibited query (it matches everything else)', () => {
    expect(parse('-potash -"press release"')).toEqual({
      groups: [
        { clauses: [term('potash', { presence: 'prohibited' }), phrase('press release', { presence: 'prohibited' })] },
      ],
      filters: {},
      problems: [],
      isEmpty: false,
    });
  });

  it.each(['', '   ', '\n\t', '()', 'OR', 'AND NOT'])('reads %j as empty', (input) => {
    const parsed = parse(input);
    expect(parsed.groups).toEqual([]);
    expect(parsed.filters).toEqual({});
    expect(parsed.isEmpty).toBe(true);
  });

  it('reads every prefix of a query without throwing, as the search box types it', () => {
    const query = '+title:"export controls" -(potash OR "rare-earth"^2) after:2025-01 gallium~1 OR ge*ium feed:3';
    for (let length = 0; length <= query.length; length += 1) {
      const parsed = parse(query.slice(0, length));
      expect(parsed.problems).not.toContain('Could not read this query — searched nothing. Please report it.');
    }
  });
});
