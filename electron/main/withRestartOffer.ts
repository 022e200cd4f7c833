import type { Handlers } from '../shared/contract.ts';

/**
 * The library's handlers, with `library:restore` watched: a restore that
 * staged a backup (`restartRequired`) is put in place only when the
 * library reopens, so once it has succeeded main offers to relaunch. The
 * caller still gets the report unchanged; the offer never delays it.
 */
export function withRestartOffer(handlers: Handlers, offerRestart: () => void): Handlers {
  const restore = handlers['library:restore'];
  return {
    ...handlers,
    'library:restore': async (request) => {
      const report = await restore(request);
      if (report.restartRequired) setImmediate(offerRestart);
      return report;
    },
  };
}
