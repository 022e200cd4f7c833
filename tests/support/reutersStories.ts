import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { testdataDirectory } from './testdataDirectory.ts';

export interface ReutersStory {
  readonly id: number;
  readonly date: string;
  readonly title: string;
  readonly body: string;
  readonly topics: readonly string[];
  readonly places: readonly string[];
}

let cache: ReutersStory[] | null = null;

/** Reuters-21578 from the shared test data (one JSON object a line), read once per test process. */
export function reutersStories(limit = Infinity): readonly ReutersStory[] {
  if (!cache) {
    const text = gunzipSync(readFileSync(testdataDirectory('corpus', 'reuters21578.jsonl.gz'))).toString('utf8');
    cache = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as ReutersStory);
  }
  return cache.slice(0, limit);
}
