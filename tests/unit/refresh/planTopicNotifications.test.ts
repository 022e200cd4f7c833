import { describe, expect, it } from 'vitest';
import { planTopicNotifications } from '../../../electron/core/refresh/planTopicNotifications.ts';
import type { TopicEvent } from '../../../electron/shared/model.ts';

const titles: Record<string, string> = {
  a1: 'Gallium export licences tightened',
  a2: 'Rare earth magnets face new curbs',
  a3: 'Neodymium supply squeezed',
  a4: 'Gallium sensors reach farms',
  b1: 'Wheat harvest beats forecasts',
};
const titleOf = (id: string): string | null => titles[id] ?? null;

function matched(topicId: number, topicName: string, ...articleIds: string[]): TopicEvent {
  return { kind: 'matched', topicId, topicName, articleIds };
}

describe('planTopicNotifications', () => {
  it('coalesces one topic’s matches into one notification, each article once', () => {
    const plan = planTopicNotifications(
      [matched(1, 'Rare earths', 'a1', 'a2'), matched(1, 'Rare earths', 'a2', 'a3')],
      titleOf,
    );
    expect(plan).toEqual([
      {
        topicId: 1,
        title: 'Rare earths: 3 new articles',
        body: 'Gallium export licences tightened\nRare earth magnets face new curbs\nNeodymium supply squeezed',
        articleIds: ['a1', 'a2', 'a3'],
      },
    ]);
  });

  it('gives one notification per topic, in the order they first matched, with the latest name', () => {
    const plan = planTopicNotifications(
      [matched(2, 'Grains', 'b1'), matched(1, 'Minerals', 'a1'), matched(2, 'Grain harvest', 'b1')],
      titleOf,
    );
    expect(plan.map(({ topicId, title, body }) => ({ topicId, title, body }))).toEqual([
      { topicId: 2, title: 'Grain harvest: 1 new article', body: 'Wheat harvest beats forecasts' },
      { topicId: 1, title: 'Minerals: 1 new article', body: 'Gallium export licences tightened' },
    ]);
  });

  it('lists three titles and says how many more', () => {
    const [notification] = planTopicNotifications([matched(1, 'Metals', 'a1', 'a2', 'a3', 'a4')], titleOf);
    expect(notification?.title).toBe('Metals: 4 new articles');
    expect(notification?.body.split('\n')).toEqual([titles['a1'], titles['a2'], titles['a3'], 'and 1 more']);
  });

  it('leaves out titles of articles that are gone, still counting them', () => {
    const [notification] = planTopicNotifications([matched(1, 'Metals', 'gone', 'a1')], titleOf);
    expect(notification).toMatchObject({ title: 'Metals: 2 new articles', body: `${titles['a1']}\nand 1 more` });
    const [allGone] = planTopicNotifications([matched(1, 'Metals', 'gone')], titleOf);
    expect(allGone).toMatchObject({ title: 'Metals: 1 new article', body: '' });
  });

  it('never notifies for a rule being applied or applied, or a match of no articles', () => {
    const events: TopicEvent[] = [
      { kind: 'applying', topicId: 1, done: 5, total: 10 },
      { kind: 'applied', topicId: 1, counts: { total: 4, unread: 4, saved: 0 } },
      matched(3, 'Empty'),
    ];
    expect(planTopicNotifications(events, titleOf)).toEqual([]);
  });
});
