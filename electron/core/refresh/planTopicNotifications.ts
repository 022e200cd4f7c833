import type { TopicEvent } from '../../shared/model.ts';

/** One system notification: a topic that gained articles. */
export interface TopicNotification {
  readonly topicId: number;
  /** "Rare earths: 3 new articles" */
  readonly title: string;
  /** The first few article titles, one a line, then how many more. */
  readonly body: string;
  readonly articleIds: readonly string[];
}

/** How many article titles a notification lists before "and N more". */
export const TITLES_SHOWN = 3;

/**
 * The notifications for a batch of topic events: one per topic that matched
 * new articles, in the order topics first matched, with each article counted
 * once however many events named it. Other events (`applying`, `applied`:
 * a rule change re-applied to old articles) never notify. The topic's latest
 * name wins (it may be renamed mid-batch).
 */
export function planTopicNotifications(
  events: readonly TopicEvent[],
  titleOf: (articleId: string) => string | null,
): TopicNotification[] {
  const byTopic = new Map<number, { name: string; articleIds: Set<string> }>();
  for (const event of events) {
    if (event.kind !== 'matched') continue;
    const entry = byTopic.get(event.topicId) ?? { name: event.topicName, articleIds: new Set<string>() };
    entry.name = event.topicName;
    for (const id of event.articleIds) entry.articleIds.add(id);
    byTopic.set(event.topicId, entry);
  }
  const notifications: TopicNotification[] = [];
  for (const [topicId, { name, articleIds }] of byTopic) {
    if (articleIds.size === 0) continue;
    const ids = [...articleIds];
    const titles = ids
      .slice(0, TITLES_SHOWN)
      .map(titleOf)
      .filter((title): title is string => title !== null && title.trim() !== '');
    const more = ids.length - titles.length;
    const lines = more > 0 && titles.length > 0 ? [...titles, `and ${more} more`] : titles;
    notifications.push({
      topicId,
      title: `${name}: ${ids.length} new ${ids.length === 1 ? 'article' : 'articles'}`,
      body: lines.join('\n'),
      articleIds: ids,
    });
  }
  return notifications;
}
