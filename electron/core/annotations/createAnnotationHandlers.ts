import type { Handlers } from '../../shared/contract.ts';
import { OffprintError } from '../../shared/errors.ts';

export type AnnotationHandlers = Pick<
  Handlers,
  'notes:add' | 'notes:edit' | 'notes:remove' | 'highlights:add' | 'highlights:edit' | 'highlights:remove'
>;

// IN PROGRESS (issue 5): replaced by the annotations implementation before the issue is resolved.
const pending = (name: string) => () => Promise.reject(new OffprintError('unavailable', `${name}: not available yet`));

export function createAnnotationHandlers(): AnnotationHandlers {
  return {
    'notes:add': pending('notes:add'),
    'notes:edit': pending('notes:edit'),
    'notes:remove': pending('notes:remove'),
    'highlights:add': pending('highlights:add'),
    'highlights:edit': pending('highlights:edit'),
    'highlights:remove': pending('highlights:remove'),
  };
}
