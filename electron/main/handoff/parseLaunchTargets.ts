import { extname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The scheme of links that open in Offprint (registered by the installers). */
export const OFFPRINT_LINK_SCHEME = 'offprint';

/**
 * What a launch, an OS "open with" or an `offprint://` link asks the
 * running app to do:
 * - `offprint://subscribe?url=<http(s) address>`: follow that feed (or the feed a page advertises);
 * - `offprint://clip?url=<http(s) address>`, or a bare http(s) address: save that page;
 * - a `.opml` file: subscribe to the feeds in it;
 * - a `.html`/`.htm` file: save it as a clipped page.
 */
export type LaunchTarget =
  | { readonly kind: 'subscribe'; readonly url: string }
  | { readonly kind: 'clip-url'; readonly url: string }
  | { readonly kind: 'import-opml'; readonly file: string }
  | { readonly kind: 'clip-file'; readonly file: string };

export interface RefusedArgument {
  readonly argument: string;
  readonly reason: string;
}

export type ParsedArgument =
  { readonly ok: true; readonly target: LaunchTarget } | { readonly ok: false; readonly refused: RefusedArgument };

function refuse(argument: string, reason: string): ParsedArgument {
  return { ok: false, refused: { argument, reason } };
}

function webAddress(text: string): URL | null {
  if (!URL.canParse(text)) return null;
  const url = new URL(text);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

function parseOffprintLink(argument: string): ParsedArgument {
  const link = new URL(argument);
  // offprint://clip?url=…, offprint://clip/?url=… (Windows adds the slash) and offprint:clip?url=… alike.
  const action = `${link.host}${link.pathname}`.replace(/^\/+|\/+$/g, '');
  if (action !== 'subscribe' && action !== 'clip') {
    return refuse(argument, `unknown ${OFFPRINT_LINK_SCHEME}: link "${action}" (known: subscribe, clip)`);
  }
  const address = link.searchParams.get('url');
  const url = address === null ? null : webAddress(address);
  if (url === null) return refuse(argument, `the ${action} link needs url=<an http or https address>`);
  return {
    ok: true,
    target: action === 'subscribe' ? { kind: 'subscribe', url: url.href } : { kind: 'clip-url', url: url.href },
  };
}

function parseFile(argument: string, path: string): ParsedArgument {
  const extension = extname(path).toLowerCase();
  if (extension === '.opml') return { ok: true, target: { kind: 'import-opml', file: path } };
  if (extension === '.html' || extension === '.htm') return { ok: true, target: { kind: 'clip-file', file: path } };
  return refuse(argument, 'only .opml (feeds to follow) and .html/.htm (a page to save) files open in Offprint');
}

/**
 * One argument, URL or file path handed to the app, read as a target or
 * refused with a reason for the log. Relative paths are taken from the
 * launching process's working directory.
 */
export function parseLaunchArgument(argument: string, workingDirectory: string): ParsedArgument {
  if (argument.trim() === '') return refuse(argument, 'empty argument');
  if (/^[a-z][a-z0-9+.-]+:/i.test(argument) && URL.canParse(argument)) {
    const protocol = new URL(argument).protocol;
    if (protocol === `${OFFPRINT_LINK_SCHEME}:`) return parseOffprintLink(argument);
    if (protocol === 'http:' || protocol === 'https:') {
      return { ok: true, target: { kind: 'clip-url', url: new URL(argument).href } };
    }
    if (protocol === 'file:') {
      try {
        return parseFile(argument, fileURLToPath(argument));
      } catch {
        return refuse(argument, 'a file: address that is not a local file');
      }
    }
    // A Windows path such as C:\feeds.opml parses as a URL with a one-letter scheme; the regex needs two letters.
    return refuse(argument, `${protocol} addresses are not opened by Offprint`);
  }
  return parseFile(argument, isAbsolute(argument) ? argument : resolve(workingDirectory, argument));
}

export interface LaunchArgvInput {
  readonly argv: readonly string[];
  readonly workingDirectory: string;
  /** Unpackaged (`electron .`), the app's folder follows the executable. */
  readonly isPackaged: boolean;
}

export interface LaunchArguments {
  readonly targets: readonly LaunchTarget[];
  readonly refused: readonly RefusedArgument[];
}

/**
 * The targets in a command line (this launch's, or a second launch's as
 * 'second-instance' passes it on): the executable, the unpackaged app's
 * folder and every switch (`--flag`, `-f`: Electron's and Chromium's own,
 * which a second instance's command line gains) are skipped; the rest
 * must each be a target.
 */
export function launchTargetsFromArgv({ argv, workingDirectory, isPackaged }: LaunchArgvInput): LaunchArguments {
  const targets: LaunchTarget[] = [];
  const refused: RefusedArgument[] = [];
  for (const argument of argv.slice(isPackaged ? 1 : 2)) {
    if (argument.startsWith('-')) continue;
    const parsed = parseLaunchArgument(argument, workingDirectory);
    if (parsed.ok) targets.push(parsed.target);
    else refused.push(parsed.refused);
  }
  return { targets, refused };
}
