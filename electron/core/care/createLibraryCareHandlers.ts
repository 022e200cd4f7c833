import type { Handlers } from '../../shared/contract.ts';
import type { LibraryCare } from './LibraryCare.ts';

export type LibraryCareHandlers = Pick<
  Handlers,
  'retention:get' | 'retention:set' | 'retention:preview' | 'retention:run' | 'library:backup' | 'library:restore'
>;

/**
 * Retention, backup and restore over LibraryCare. `library:restore` checks the archive and stages it; the
 * library is replaced when it next opens (the report says `restartRequired`): the open database, images and
 * index cannot be swapped under the running app.
 */
export function createLibraryCareHandlers(care: LibraryCare): LibraryCareHandlers {
  return {
    'retention:get': () => Promise.resolve(care.retentionSettings()),
    'retention:set': (request) => Promise.resolve(care.setRetention(request)),
    'retention:preview': ({ limit }) => Promise.resolve(care.previewRetention(limit)),
    'retention:run': () => care.runRetention(),
    'library:backup': ({ file }) => care.backup(file),
    'library:restore': ({ file }) => care.stageRestore(file),
  };
}
