// The search benchmark's two corpora as JSON Lines for importArticles:
// L1 is Reuters-21578 itself, L2 the same stories recombined into longer articles.
import type { ReutersStory } from '../../tests/support/reutersStories.ts';
import { writeJsonLines } from '../support/writeJsonLines.ts';

/** Rotating wire names, so that `source:` queries select about a sixth of the articles. */
export const WIRE_SOURCES = ['Reuters', 'Bloomberg', 'Kyodo', 'Xinhua', 'Interfax', 'Bernama'] as const;

/** Each L2 article's body grows, story by story, until it has at least this many characters. */
export const LEVEL_TWO_BODY_CHARACTERS = 4_500;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const REUTERS_DATE = /^\s*(\d{1,2})-([A-Z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})/;
/** L2 dates: one article every 30 minutes from 1987 on, about 5.7 years for 100,000 articles. */
const LEVEL_TWO_START = Date.UTC(1987, 0, 1);
const LEVEL_TWO_STEP_MS = 30 * 60 * 1000;

export interface CorpusFile {
  readonly path: string;
  readonly articles: number;
  readonly fileBytes: number;
  /** Mean characters of title + body per article, before import. */
  readonly meanArticleCharacters: number;
}

interface ImportLine {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly date?: string;
  readonly source: string;
  readonly topics: readonly string[];
}

/** "26-FEB-1987 15:01:01.79" as ISO 8601; undefined when it is not a real time (some stories carry junk). */
function isoDate(raw: string): string | undefined {
  const match = REUTERS_DATE.exec(raw);
  if (!match) return undefined;
  const [, day, monthName, year, hours, minutes, seconds] = match;
  const month = MONTHS.indexOf(monthName ?? '');
  if (month < 0 || Number(hours) > 23) return undefined;
  const time = Date.UTC(Number(year), month, Number(day), Number(hours), Number(minutes), Number(seconds));
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Topics and places both become the article's categories (importArticles maps `topics` to categories). */
function categoriesOf(story: ReutersStory): string[] {
  return [...story.topics, ...story.places];
}

function writeLines(path: string, lines: Iterable<ImportLine>): CorpusFile {
  let articles = 0;
  let characters = 0;
  function* counted(): Generator<ImportLine> {
    for (const line of lines) {
      articles += 1;
      characters += line.title.length + line.body.length;
      yield line;
    }
  }
  const fileBytes = writeJsonLines(path, counted());
  return { path, articles, fileBytes, meanArticleCharacters: characters / Math.max(1, articles) };
}

/** Stories importArticles accepts (a title or a body). */
export function usableStories(stories: readonly ReutersStory[]): ReutersStory[] {
  return stories.filter((story) => story.title.trim() !== '' || story.body.trim() !== '');
}

/** L1: every usable story once, with its own date, categories and a rotating wire name. */
export function writeLevelOne(path: string, stories: readonly ReutersStory[]): CorpusFile {
  return writeLines(
    path,
    (function* () {
      for (const story of usableStories(stories)) {
        const date = isoDate(story.date);
        yield {
          id: story.id,
          title: story.title,
          body: story.body,
          ...(date === undefined ? {} : { date }),
          source: WIRE_SOURCES[story.id % WIRE_SOURCES.length] ?? 'Reuters',
          topics: categoriesOf(story),
        };
      }
    })(),
  );
}

/**
 * L2: `count` articles of about 5 KB. Article k takes the title and categories
 * of story k mod N and the bodies of consecutive stories from a start that
 * moves by 13 per article (and by 7 more per pass over the titles, so no two
 * articles are equal) until the body has LEVEL_TWO_BODY_CHARACTERS.
 */
export function writeLevelTwo(path: string, stories: readonly ReutersStory[], count: number): CorpusFile {
  const titled = usableStories(stories).filter((story) => story.title.trim() !== '');
  const withBodies = stories.filter((story) => story.body.trim() !== '');
  if (titled.length === 0 || withBodies.length === 0)
    throw new Error('writeLevelTwo: the corpus has no usable stories');
  return writeLines(
    path,
    (function* () {
      for (let article = 0; article < count; article += 1) {
        const head = titled[article % titled.length] ?? titled[0];
        if (!head) return;
        const pass = Math.floor(article / titled.length);
        let next = (article * 13 + pass * 7) % withBodies.length;
        const bodies: string[] = [];
        let characters = 0;
        while (characters < LEVEL_TWO_BODY_CHARACTERS) {
          const body = withBodies[next]?.body.trim() ?? '';
          bodies.push(body);
          characters += body.length + 2;
          next = (next + 1) % withBodies.length;
        }
        yield {
          id: article + 1,
          title: head.title,
          body: bodies.join('\n\n'),
          date: new Date(LEVEL_TWO_START + article * LEVEL_TWO_STEP_MS).toISOString(),
          source: WIRE_SOURCES[article % WIRE_SOURCES.length] ?? 'Reuters',
          topics: categoriesOf(head),
        };
      }
    })(),
  );
}
