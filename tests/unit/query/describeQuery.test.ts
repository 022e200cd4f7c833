import { describe, expect, it } from 'vitest';
import { describeQuery } from '../../../electron/shared/query/describeQuery.ts';
import { parseQuery } from '../../../electron/shared/query/parseQuery.ts';
import { QUERY_HELP } from '../../../electron/shared/query/queryHelp.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
const summarise = (input: string): string => describeQuery(parseQuery(input, { now: NOW }));

describe('describeQuery', () => {
  it.each([
    ['gallium germanium', 'gallium or germanium'],
    ['+gallium +china germanium', 'gallium and china, preferring germanium'],
    ['-potash -"press release"', 'everything, without potash or "press release"'],
    [
      '+title:"export controls" -potash after:2025-01-01 is:unread gallium~1 OR germanium*',
      '(title:"export controls", preferring gallium~1, without potash) or (germanium*); unread; published on or after 2025-01-01',
    ],
    ['*mania ge*ium^2 topic:x', '*mania or ge*ium^2 or topics:x'],
    ['is:saved -has:note feed:3,4', 'all articles; saved; without a note; in feeds 3, 4'],
    ['-is:saved is:read has:note feed:9', 'all articles; not saved; read; with a note; in feed 9'],
    [
      'before:2025-01-31 date:24h',
      'all articles; published on or after 2025-06-14 12:00 UTC; published before 2025-02-01',
    ],
    ['', 'nothing to search'],
  ])('%j → %j', (input, summary) => {
    expect(summarise(input)).toBe(summary);
  });
});

describe('QUERY_HELP', () => {
  it('has syntax and a sentence for every entry', () => {
    expect(QUERY_HELP.length).toBeGreaterThan(10);
    for (const entry of QUERY_HELP) {
      expect(entry.syntax.trim()).not.toBe('');
      expect(entry.meaning).toMatch(/^[A-Z].*\.$/);
    }
  });

  it.each(QUERY_HELP.map((entry) => [entry.syntax]))('%s parses without problems', (syntax) => {
    const parsed = parseQuery(syntax, { now: NOW });
    expect(parsed.problems).toEqual([]);
    expect(parsed.isEmpty).toBe(false);
  });
});
