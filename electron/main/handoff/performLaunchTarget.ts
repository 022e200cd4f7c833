import { basename } from 'node:path';
import {
  MAX_CLIP_HTML_CHARS,
  MAX_OPML_CHARS,
  type CallName,
  type Handlers,
  type RequestOf,
  type ResponseOf,
} from '../../shared/contract.ts';
import { dispatchCall } from '../../shared/dispatch.ts';
import type { Result } from '../../shared/errors.ts';
import type { LaunchTarget } from './parseLaunchTargets.ts';

/** What the user is told once a hand-off is done, in plain words. */
export interface Outcome {
  readonly ok: boolean;
  readonly message: string;
  readonly detail: string;
}

/** The file reading a hand-off needs; injected by tests. */
export interface LaunchFiles {
  size(file: string): Promise<number>;
  readText(file: string): Promise<string>;
}

export interface PerformLaunchTargetOptions {
  readonly handlers: Handlers;
  readonly files: LaunchFiles;
}

/** A contract call through the same path as IPC and HTTP: the schema, the handler, the envelope. */
async function call<Name extends CallName>(
  handlers: Handlers,
  name: Name,
  payload: RequestOf<Name>,
): Promise<Result<ResponseOf<Name>>> {
  return (await dispatchCall(handlers, name, payload)) as Result<ResponseOf<Name>>;
}

/** `1 feed`, `3 feeds`: counts in the user's messages. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function failed(message: string, detail: string): Outcome {
  return { ok: false, message, detail };
}

/** Reads a handed-over file, refusing one too big for the call it is for (no point reading gigabytes). */
async function readHandedFile(files: LaunchFiles, file: string, maxBytes: number): Promise<Result<string>> {
  try {
    const size = await files.size(file);
    if (size > maxBytes) {
      return {
        ok: false,
        error: { code: 'bad-request', message: `${file} is ${size} bytes; the limit is ${maxBytes}` },
      };
    }
    return { ok: true, value: await files.readText(file) };
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'not-found',
        message: `${file} could not be read (${error instanceof Error ? error.message : String(error)})`,
      },
    };
  }
}

function clipped(result: Result<ResponseOf<'articles:clip'>>, what: string): Outcome {
  if (!result.ok) return failed(`Offprint could not save ${what}.`, result.error.message);
  const { article, imagesMissing } = result.value;
  const detail =
    imagesMissing.length === 0
      ? 'It is in Saved, ready to read offline.'
      : `It is in Saved; ${plural(imagesMissing.length, 'image')} could not be saved.`;
  return { ok: true, message: `Saved “${article.title}”.`, detail };
}

/**
 * Does what a link, file or second launch asked, through the library's
 * contract handlers like every other caller, and says how it went.
 * Never throws: a failure is an outcome with the library's reason.
 */
export async function performLaunchTarget(
  target: LaunchTarget,
  { handlers, files }: PerformLaunchTargetOptions,
): Promise<Outcome> {
  switch (target.kind) {
    case 'subscribe': {
      const result = await call(handlers, 'feeds:add', { url: target.url });
      if (!result.ok) return failed(`Offprint could not follow ${target.url}.`, result.error.message);
      const { feed } = result.value;
      return {
        ok: true,
        message: `Following “${feed.title}”.`,
        detail: `New articles from ${feed.url} appear in your list.`,
      };
    }
    case 'clip-url':
      return clipped(await call(handlers, 'articles:clip', { url: target.url }), target.url);
    case 'clip-file': {
      const html = await readHandedFile(files, target.file, MAX_CLIP_HTML_CHARS);
      if (!html.ok) return failed(`Offprint could not save ${basename(target.file)}.`, html.error.message);
      const result = await call(handlers, 'articles:clip', { html: html.value, fileName: target.file });
      return clipped(result, basename(target.file));
    }
    case 'import-opml': {
      const name = basename(target.file);
      const content = await readHandedFile(files, target.file, MAX_OPML_CHARS);
      if (!content.ok) return failed(`Offprint could not import ${name}.`, content.error.message);
      const result = await call(handlers, 'opml:import', { content: content.value });
      if (!result.ok) return failed(`Offprint could not import ${name}.`, result.error.message);
      const { added, duplicates, problems } = result.value;
      const notes = [
        duplicates.length > 0 ? `${plural(duplicates.length, 'feed')} you already follow.` : '',
        problems.length > 0
          ? `${plural(problems.length, 'entry', 'entries')} skipped: ${problems.slice(0, 3).join('; ')}`
          : '',
      ].filter((note) => note !== '');
      return {
        ok: true,
        message: `Now following ${plural(added.length, 'new feed')} from ${name}.`,
        detail: notes.join('\n'),
      };
    }
  }
}
