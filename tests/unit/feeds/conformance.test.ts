import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../electron/core/feeds/parseDate.ts';
import { testdataDirectory } from '../../support/testdataDirectory.ts';
import { utcTuple } from '../../support/utcTuple.ts';

/**
 * Floors for scripts/feedConformance.ts (whole percent, floored from what the
 * parser achieves: raise them when it improves, never lower them to pass).
 */
const feedparserFloorPercent = 100;
const goldenFloorPercent: Readonly<Record<string, number>> = {
  'rowanmanning/feed-parser': 100,
  'rss-parser': 100,
};

interface Tally {
  readonly passed: number;
  readonly total: number;
}

interface Summary {
  readonly feedparser: Tally;
  readonly goldens: Readonly<Record<string, Tally>>;
}

function wholePercent(tally: Tally): number {
  return Math.floor((100 * tally.passed) / tally.total);
}

describe('feed conformance', () => {
  // One source of truth: the test runs the script people run, in its JSON mode.
  const summary = JSON.parse(
    execFileSync(process.execPath, [resolve(import.meta.dirname, '../../../scripts/feedConformance.ts'), '--json'], {
      encoding: 'utf8',
      env: { ...process.env, OFFPRINT_TESTDATA: resolve(testdataDirectory('feeds'), '..') },
    }),
  ) as Summary;

  it(`keeps the feedparser subset's mapped-field checks at or above ${feedparserFloorPercent}%`, () => {
    expect(summary.feedparser.total).toBeGreaterThan(250);
    expect(wholePercent(summary.feedparser)).toBeGreaterThanOrEqual(feedparserFloorPercent);
  });

  it.each(Object.entries(goldenFloorPercent))('agrees with the %s goldens at or above %i%%', (name, floor) => {
    const tally = summary.goldens[name];
    expect(tally?.total).toBeGreaterThan(1000);
    if (tally !== undefined) expect(wholePercent(tally)).toBeGreaterThanOrEqual(floor);
  });

  it('passes every feedparser date case', () => {
    const cases = JSON.parse(
      readFileSync(join(testdataDirectory('feeds'), 'feedparser', 'date_cases.json'), 'utf8'),
    ) as {
      input: string;
      expected_utc: number[] | null;
    }[];
    const failing = cases.filter(({ input, expected_utc: expected }) => {
      const parsed = parseDate(input);
      if (expected === null || parsed === null) return (expected === null) !== (parsed === null);
      return utcTuple(parsed).join() !== expected.slice(0, 6).join();
    });
    expect(cases).toHaveLength(72);
    expect(failing.map((entry) => entry.input)).toEqual([]);
  });
});
