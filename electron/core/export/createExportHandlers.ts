import type { Handlers } from '../../shared/contract.ts';
import type { ExportService } from './ExportService.ts';

export type ExportHandlers = Pick<
  Handlers,
  'export:pdf' | 'export:html' | 'export:markdown' | 'export:citations' | 'export:cancel'
>;

/** Exports over ExportService: one runs at a time, with `export:progress` events; `export:cancel` stops it. */
export function createExportHandlers(exports: ExportService): ExportHandlers {
  return {
    'export:pdf': (request) => exports.pdf(request),
    'export:html': (request) => exports.html(request),
    'export:markdown': (request) => exports.markdown(request),
    'export:citations': (request) => exports.citations(request),
    'export:cancel': () => Promise.resolve({ cancelled: exports.cancel() }),
  };
}
