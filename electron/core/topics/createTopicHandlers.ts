import type { Handlers } from '../../shared/contract.ts';
import { OffprintError } from '../../shared/errors.ts';

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

// IN PROGRESS (issue 5): replaced by the topics implementation before the issue is resolved.
const pending = (name: string) => () => Promise.reject(new OffprintError('unavailable', `${name}: not available yet`));

export function createTopicHandlers(): TopicHandlers {
  return {
    'topics:list': pending('topics:list'),
    'topics:create': pending('topics:create'),
    'topics:update': pending('topics:update'),
    'topics:delete': pending('topics:delete'),
    'topics:preview': pending('topics:preview'),
    'topics:suggest': pending('topics:suggest'),
    'topics:export': pending('topics:export'),
    'topics:import': pending('topics:import'),
  };
}
