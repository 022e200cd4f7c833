import { describe, expect, it } from 'vitest';
import type { OpmlDocument } from '../../../electron/core/opml/OpmlDocument.ts';
import { OpmlError } from '../../../electron/core/opml/OpmlError.ts';
import { parseOpml } from '../../../electron/core/opml/parseOpml.ts';
import { readOpmlTestFile } from './opmlTestData.ts';

/**
 * kurtmckee/listparser's conformance suite, read through its `Eval:` lines
 * (evals.jsonl). Each eval is a Python expression over listparser's result;
 * the ones that map onto our fields are judged here, the rest (dates,
 * owner, version, `lists`, `opportunities`, tags, the `category` attribute)
 * are not applicable. FOAF/RDF files and the non-OPML namespace file are
 * out of scope.
 *
 * Known, deliberate disagreements:
 * - listparser prefers `text` over `title`; our brief says title first.
 * - listparser merges a feed listed in two folders into one feed with two
 *   categories; we keep the first outline (and its folder) and report the
 *   other as a duplicate.
 */
type Verdict = 'agree' | 'disagree' | 'not applicable';

interface Outcome {
  readonly document: OpmlDocument | null;
  readonly error: OpmlError | null;
}

interface EvalCase {
  readonly path: string;
  readonly evals: readonly string[];
}

function pythonStrings(list: string): string[] {
  return [...list.matchAll(/'([^']*)'/g)].map((match) => match[1] ?? '');
}

function judge(expression: string, outcome: Outcome, usesCategoryAttribute: boolean): Verdict {
  const text = expression.replace(/"/g, "'").trim();
  const { document } = outcome;
  const agree = (condition: boolean): Verdict => (condition ? 'agree' : 'disagree');
  if (/^result\['bozo'\] (?:== 0|is False)$/.test(text)) return agree(document !== null);
  if (/^result\['bozo'\] (?:== 1|is True)$/.test(text)) return 'not applicable'; // only invalid head dates
  if (document === null) return 'disagree';
  const feeds = document.outlines;

  let match = /^len\(result\['feeds'\]\) == (\d+)$/.exec(text);
  if (match) return agree(feeds.length === Number(match[1]));
  match = /^result\['feeds'\]\[(\d+)\]\['(title|url)'\] == '(.*)'$/.exec(text);
  if (match) {
    const feed = feeds[Number(match[1])];
    return agree(feed !== undefined && (match[2] === 'url' ? feed.url : feed.title) === match[3]);
  }
  match = /^result\['feeds'\]\[(\d+)\]\['title'\] == result\['feeds'\]\[(\d+)\]\['title'\]$/.exec(text);
  if (match) {
    const left = feeds[Number(match[1])];
    const right = feeds[Number(match[2])];
    return agree(left !== undefined && right !== undefined && left.title === right.title);
  }
  match = /^result\['meta'\]\['title'\] == '(.*)'$/.exec(text);
  if (match) return agree(document.title === match[1]);
  if (text === "'title' not in result['meta']") return agree(document.title === null);

  // Categories: only those that come from nesting map onto our folder.
  if (usesCategoryAttribute) return 'not applicable';
  match = /^\[(.*)\] in result\['feeds'\]\[0\]\['categories'\]$/.exec(text);
  match ??= /^result\['feeds'\]\[0\]\['categories'\]\[0\] == \[(.*)\]$/.exec(text);
  if (match) return agree(feeds[0]?.folder === pythonStrings(match[1] ?? '').join(' / '));
  match = /^len\(result\['feeds'\]\[0\]\['categories'\]\) == (\d+)$/.exec(text);
  if (match) return agree((feeds[0]?.folder == null ? 0 : 1) === Number(match[1]));
  return 'not applicable';
}

describe('listparser conformance suite', () => {
  const cases = readOpmlTestFile('listparser-suite/evals.jsonl')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalCase)
    .filter((entry) => entry.path.startsWith('opml/') || entry.path.startsWith('malformed/'));

  it('agrees with listparser on the evals that map onto our fields', () => {
    let applicable = 0;
    let agreed = 0;
    let filesJudged = 0;
    let filesAgreed = 0;
    let bozoEvals = 0;
    const disagreements: string[] = [];
    for (const entry of cases) {
      const text = readOpmlTestFile(`listparser-suite/tests/files/${entry.path}`);
      let outcome: Outcome;
      try {
        outcome = { document: parseOpml(text), error: null };
      } catch (error) {
        if (!(error instanceof OpmlError)) throw error;
        outcome = { document: null, error };
      }
      const usesCategoryAttribute = /\bcategory\s*=/.test(text);
      const verdicts = entry.evals.map((expression) => ({
        expression,
        verdict: judge(expression, outcome, usesCategoryAttribute),
      }));
      const judged = verdicts.filter(({ verdict }) => verdict !== 'not applicable');
      if (judged.length === 0) continue;
      filesJudged += 1;
      applicable += judged.length;
      bozoEvals += judged.filter(({ expression }) => expression.includes('bozo')).length;
      const failed = judged.filter(({ verdict }) => verdict === 'disagree');
      agreed += judged.length - failed.length;
      if (failed.length === 0) filesAgreed += 1;
      for (const { expression } of failed) disagreements.push(`${entry.path}: ${expression}`);
    }
    console.info(
      `listparser: ${agreed}/${applicable} applicable evals agree (${bozoEvals} of them "bozo == 0", read as ` +
        `"parses without OpmlError"), ${filesAgreed}/${filesJudged} files; ` +
        `${cases.length} OPML and malformed files in the suite. Disagreements:\n  ${disagreements.join('\n  ')}`,
    );
    expect(cases.length).toBeGreaterThanOrEqual(80);
    expect(applicable).toBeGreaterThanOrEqual(115);
    expect(applicable - bozoEvals).toBeGreaterThanOrEqual(35);
    expect(agreed).toBeGreaterThanOrEqual(applicable - 2);
    expect(disagreements).toEqual([
      "opml/outline-duplication-2.xml: [\"hier2\"] in result['feeds'][0]['categories']",
      "opml/outline_text-overrides_title.xml: result['feeds'][0]['title'] == 'text'",
    ]);
  });

  it('flags every file of the malformed group as recovered, and none of the others', () => {
    for (const entry of cases) {
      const document = parseOpml(readOpmlTestFile(`listparser-suite/tests/files/${entry.path}`));
      expect(document.recovered, entry.path).toBe(entry.path.startsWith('malformed/'));
    }
  });
});
