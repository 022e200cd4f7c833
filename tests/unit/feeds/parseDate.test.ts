import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../electron/core/feeds/parseDate.ts';
import { testdataDirectory } from '../../support/testdataDirectory.ts';
import { utcTuple } from '../../support/utcTuple.ts';

interface DateCase {
  readonly parser: string;
  readonly input: string;
  /** feedparser's UTC 9-tuple; null when the input must be rejected. */
  readonly expected_utc: readonly number[] | null;
  readonly comment: string;
}

const dateCases = JSON.parse(
  readFileSync(join(testdataDirectory('feeds'), 'feedparser', 'date_cases.json'), 'utf8'),
) as DateCase[];

/** The first six items of feedparser's tuple (y, m, d, H, M, S) from our ISO string. */
function tuple(iso: string | null): number[] | null {
  return iso === null ? null : utcTuple(iso);
}

describe('parseDate: feedparser date cases', () => {
  it('has all 72 cases', () => {
    expect(dateCases).toHaveLength(72);
  });

  it.each(dateCases.map((entry) => [`${entry.parser} ${JSON.stringify(entry.input)}`, entry] as const))(
    '%s',
    (_name, entry) => {
      expect(tuple(parseDate(entry.input))).toEqual(entry.expected_utc?.slice(0, 6) ?? null);
    },
  );
});

describe('parseDate: output and rejection', () => {
  it('returns ISO 8601 UTC with milliseconds', () => {
    expect(parseDate('Sun, 11 Jul 2004 12:00:00 EST')).toBe('2004-07-11T17:00:00.000Z');
    expect(parseDate('2007-04-23T23:25:47.538+10:00')).toBe('2007-04-23T13:25:47.538Z');
  });

  it('keeps years before 100 (Date.UTC would map them to 19xx)', () => {
    expect(parseDate('Thu, 01 Jan 0100 00:00:01 +0100')).toBe('0099-12-31T23:00:01.000Z');
  });

  it.each([
    '2004-13-01',
    '2004-02-30',
    'Thu, 31 Apr 2004 10:00:00 GMT',
    'Thu, 01 Foo 2004 10:00:00 GMT',
    '2004-07-08T24:30:00Z',
    'yesterday',
    'Thu, 01 Jan 2004 10:00:00 +2500',
    '12345678901234567890',
  ])('rejects %j', (input) => {
    expect(parseDate(input)).toBeNull();
  });

  it.each([
    ['Tue, 10 Jun 2003 04:00:00 -0400 (EDT)', '2003-06-10T08:00:00.000Z'],
    ['Thu Aug 30 2012 17:26:16 GMT+0200 (Central European Summer Time)', '2012-08-30T15:26:16.000Z'],
    ['20031231T101455Z', '2003-12-31T10:14:55.000Z'],
    ['2003-335', '2003-12-01T00:00:00.000Z'],
    ['Mon, 05 Jan 2004 10:00:00 Z', '2004-01-05T10:00:00.000Z'],
    ['Mon, 05 Jan 2004 10:00:00 N', '2004-01-05T09:00:00.000Z'],
    ['Mon, 05 Jan 2004 10:00:00 CEST', '2004-01-05T08:00:00.000Z'],
    ['  2004-07-08T23:56:58Z  ', '2004-07-08T23:56:58.000Z'],
  ])('reads %j', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });
});
