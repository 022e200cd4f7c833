import { expect } from 'vitest';
import type { Library } from '../../../electron/core/Library.ts';
import { call } from '../../support/callHandlers.ts';
import {
  rssFeed,
  serve,
  startFixtureServer,
  type FixtureItem,
  type FixtureServer,
} from '../../support/startFixtureServer.ts';
import { paragraphsAbout } from '../offline/offlinePages.ts';

/** One wire story: the subject is what its body is about (every body shares the same filler words). */
export interface WireStory {
  readonly guid: string;
  readonly title: string;
  readonly subject: string;
  readonly day: number;
  readonly categories?: readonly string[];
}

/** Metals Wire: what a critical-minerals topic is about, and what it is not. */
export const METALS: readonly WireStory[] = [
  {
    guid: 'm-gallium',
    title: 'Gallium export licences tightened',
    subject: 'gallium exports',
    day: 1,
    categories: ['Critical Minerals'],
  },
  { guid: 'm-rare', title: 'Rare earth magnets face new curbs', subject: 'rare earth magnets', day: 2 },
  {
    guid: 'm-copper',
    title: 'Copper smelters cut output',
    subject: 'copper smelting',
    day: 3,
    categories: ['Base Metals'],
  },
  { guid: 'm-gold', title: 'Gold reserves climb', subject: 'gold reserves', day: 4 },
];

/** Farm Wire: one gallium story among farm news. */
export const FARM: readonly WireStory[] = [
  { guid: 'f-potash', title: 'Potash fertiliser prices ease', subject: 'potash fertiliser', day: 2 },
  {
    guid: 'f-gallium',
    title: 'Gallium sensors reach farms',
    subject: 'gallium sensors',
    day: 5,
    categories: ['critical minerals'],
  },
  { guid: 'f-wheat', title: 'Wheat harvest beats forecasts', subject: 'wheat harvest', day: 6, categories: ['Grains'] },
];

/** Publication day `day` of September 2025, 08:00 UTC. */
export function septemberDay(day: number): Date {
  return new Date(Date.UTC(2025, 8, day, 8));
}

/** Long enough bodies (about 170 words) that a feed's full text stays off: no page fetches. */
function toItem(story: WireStory): FixtureItem {
  return {
    guid: story.guid,
    title: story.title,
    link: `/story/${story.guid}`,
    body: `<p>${paragraphsAbout(story.subject, 5).join('</p><p>')}</p>`,
    date: septemberDay(story.day).toUTCString(),
    ...(story.categories ? { categories: story.categories } : {}),
  };
}

export interface Wires {
  readonly server: FixtureServer;
  readonly metalsUrl: string;
  readonly farmUrl: string;
  /** Replaces a wire's items (a later fetch sees them). */
  publish(path: '/metals.xml' | '/farm.xml', stories: readonly WireStory[]): void;
  close(): Promise<void>;
}

/** The two wires on a fixture server over 127.0.0.1. */
export async function startWires(): Promise<Wires> {
  const server = await startFixtureServer();
  const publish = (path: '/metals.xml' | '/farm.xml', stories: readonly WireStory[]): void => {
    const title = path === '/metals.xml' ? 'Metals Wire' : 'Farm Wire';
    server.route(path, serve(rssFeed(title, stories.map(toItem)), 'application/rss+xml'));
  };
  publish('/metals.xml', METALS);
  publish('/farm.xml', FARM);
  return {
    server,
    metalsUrl: server.url('/metals.xml'),
    farmUrl: server.url('/farm.xml'),
    publish,
    close: () => server.close(),
  };
}

/** Subscribes to both wires; their feed ids. */
export async function subscribeBoth(library: Library, wires: Wires): Promise<{ metals: number; farm: number }> {
  const metals = await call(library, 'feeds:add', { url: wires.metalsUrl });
  const farm = await call(library, 'feeds:add', { url: wires.farmUrl });
  expect(metals.feed.fullText).toBe('off');
  return { metals: metals.feed.id, farm: farm.feed.id };
}

/** Titles of a topic's articles (every page), sorted. */
export async function topicTitles(library: Library, topicIds: readonly number[]): Promise<string[]> {
  const page = await call(library, 'articles:list', { topicIds: [...topicIds], limit: 500 });
  return page.items.map((article) => article.title).sort();
}

/** Titles of the stories, sorted, for comparing with topicTitles. */
export function titlesOf(...stories: readonly WireStory[]): string[] {
  return stories.map((story) => story.title).sort();
}

export function story(guid: string): WireStory {
  const found = [...METALS, ...FARM].find((candidate) => candidate.guid === guid);
  if (!found) throw new Error(`no wire story ${guid}`);
  return found;
}
