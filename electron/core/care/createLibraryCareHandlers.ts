import type { Handlers } from '../../shared/contract.ts';
import { OffprintError } from '../../shared/errors.ts';

export type LibraryCareHandlers = Pick<
  Handlers,
  'retention:get' | 'retention:set' | 'retention:preview' | 'retention:run' | 'library:backup' | 'library:restore'
>;

// IN PROGRESS (issue 5): replaced by the retention and backup implementation before the issue is resolved.
const pending = (name: string) => () => Promise.reject(new OffprintError('unavailable', `${name}: not available yet`));

export function createLibraryCareHandlers(): LibraryCareHandlers {
  return {
    'retention:get': pending('retention:get'),
    'retention:set': pending('retention:set'),
    'retention:preview': pending('retention:preview'),
    'retention:run': pending('retention:run'),
    'library:backup': pending('library:backup'),
    'library:restore': pending('library:restore'),
  };
}
