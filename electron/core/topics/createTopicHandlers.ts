import type { Handlers } from '../../shared/contract.ts';
import type { TopicService } from './TopicService.ts';

export type TopicHandlers = Pick<
  Handlers,
  | 'topics:list'
  | 'topics:create'
  | 'topics:update'
  | 'topics:delete'
  | 'topics:preview'
  | 'topics:suggest'
  | 'topics:export'
  | 'topics:import'
>;

/**
 * The topics calls over the TopicService. A rule applied in the background
 * reports through `topics:progress` (applying, then applied with the counts).
 */
export function createTopicHandlers(topics: TopicService): TopicHandlers {
  // Synchronous bodies run inside the promise, so a throw becomes a rejection as from any async handler.
  const run = <T>(work: () => T): Promise<T> =>
    new Promise((resolve) => {
      resolve(work());
    });
  return {
    'topics:list': () => run(() => topics.list()),
    'topics:create': (request) => run(() => topics.create(request)),
    'topics:update': (request) => run(() => topics.update(request)),
    'topics:delete': ({ id }) => run(() => topics.delete(id)),
    'topics:preview': (request) => topics.preview(request),
    'topics:suggest': ({ limit }) => topics.suggest(limit),
    'topics:export': ({ format }) => run(() => topics.export(format)),
    'topics:import': ({ content }) => run(() => topics.import(content)),
  };
}
