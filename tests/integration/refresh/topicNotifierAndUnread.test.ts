import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../../../electron/core/Library.ts';
import type { TopicNotification } from '../../../electron/core/refresh/planTopicNotifications.ts';
import { TopicNotifier } from '../../../electron/core/refresh/TopicNotifier.ts';
import { countUnread, watchUnreadCount } from '../../../electron/core/refresh/watchUnreadCount.ts';
import { call } from '../../support/callHandlers.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { ManualTime } from '../../unit/refresh/ManualTime.ts';
import { FARM, METALS, startWires, story, subscribeBoth, type Wires } from '../topics/topicWires.ts';

let wires: Wires;
let temp: ReturnType<typeof createTempDirectory>;
let library: Library;
let time: ManualTime;
const disposers: (() => void)[] = [];

beforeAll(async () => {
  wires = await startWires();
});
afterAll(async () => {
  await wires.close();
});
beforeEach(async () => {
  temp = createTempDirectory('background');
  wires.publish('/metals.xml', METALS);
  wires.publish('/farm.xml', FARM);
  library = await openLibrary({ dataDir: join(temp.path, 'data') });
  time = new ManualTime();
});
afterEach(async () => {
  for (let dispose = disposers.pop(); dispose; dispose = disposers.pop()) dispose();
  await library.close();
  temp.dispose();
});

describe('background notifications and the unread badge with a real library', () => {
  it('notifies once per notifying topic for the articles a refresh brought, with their titles', async () => {
    const shown: TopicNotification[] = [];
    const notifier = new TopicNotifier({
      events: library.events,
      titleOf: (id) => library.store.reader.getArticleSummary(id)?.title ?? null,
      show: (notification) => shown.push(notification),
      timers: time,
    });
    disposers.push(notifier.start());
    const minerals = await call(library, 'topics:create', {
      name: 'Critical minerals',
      query: '"rare earth" OR neodymium OR gallium',
      notify: true,
    });
    await call(library, 'topics:create', { name: 'Gold', query: 'gold' });
    await subscribeBoth(library, wires);
    await library.topics.whenCurrent();
    expect(shown).toEqual([]);
    await time.advance(60_000);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ topicId: minerals.id, title: 'Critical minerals: 3 new articles' });
    expect(shown[0]?.body.split('\n').sort()).toEqual(
      [story('m-gallium').title, story('m-rare').title, story('f-gallium').title].sort(),
    );
    // A refresh that brings nothing new notifies nothing.
    await call(library, 'feeds:refresh', {});
    await library.topics.whenCurrent();
    await time.advance(60_000);
    expect(shown).toHaveLength(1);
  });

  it('counts unread articles over every feed and follows marking read', async () => {
    const counts: number[] = [];
    disposers.push(
      watchUnreadCount({
        events: library.events,
        countUnread: () => countUnread(library.store.reader),
        onCount: (count) => counts.push(count),
        timers: time,
      }),
    );
    expect(counts).toEqual([0]);
    await subscribeBoth(library, wires);
    await time.advance(500);
    expect(counts).toEqual([0, METALS.length + FARM.length]);
    const page = await call(library, 'articles:list', { limit: 2 });
    await call(library, 'articles:markRead', { ids: page.items.map((item) => item.id), read: true });
    await time.advance(500);
    expect(counts).toEqual([0, 7, 5]);
  });
});
