import { basename } from 'node:path';
import type { Handlers, ResponseOf } from '../../shared/contract.ts';
import { dispatchCall } from '../../shared/dispatch.ts';
import type { Result } from '../../shared/errors.ts';
import { plural, type Outcome } from '../handoff/performLaunchTarget.ts';

/** File › Export Saved Articles as PDF…: the saved list as one brief, through export:pdf like the page's dialog. */
export async function exportSavedAsPdf(handlers: Handlers, destination: string): Promise<Outcome> {
  const result = (await dispatchCall(handlers, 'export:pdf', {
    selection: { kind: 'saved' },
    destination,
  })) as Result<ResponseOf<'export:pdf'>>;
  if (!result.ok)
    return { ok: false, message: 'Offprint could not export your saved articles.', detail: result.error.message };
  const report = result.value;
  if (report.cancelled) return { ok: false, message: 'The export was cancelled.', detail: 'Nothing was written.' };
  const missing = report.missingImages.length;
  return {
    ok: true,
    message: `Exported ${plural(report.articles, 'saved article')} to ${basename(report.files[0] ?? destination)}.`,
    detail: [
      report.pages === null ? '' : `${plural(report.pages, 'page')}.`,
      missing === 0 ? '' : `${plural(missing, 'article')} had images that were not saved for offline reading.`,
    ]
      .filter((line) => line !== '')
      .join(' '),
  };
}
