import type { Topic } from '../../../electron/shared/model.ts';

/** A topic as topics:list returns it. */
export function topicOf(id: number, name: string, fields: Partial<Omit<Topic, 'id' | 'name'>> = {}): Topic {
  return {
    id,
    name,
    query: name.toLowerCase(),
    feedIds: null,
    categories: [],
    notify: false,
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-01T08:00:00.000Z',
    counts: { total: 0, unread: 0, saved: 0 },
    applying: false,
    ...fields,
  };
}
