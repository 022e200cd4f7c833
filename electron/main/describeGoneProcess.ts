/** What Electron says of a renderer or child process that ended (RenderProcessGoneDetails, Details). */
export interface GoneProcess {
  readonly reason: string;
  readonly exitCode: number;
  /** Child processes: 'GPU', 'Utility', … */
  readonly type?: string;
  /** A utility process's service or name, e.g. 'network.mojom.NetworkService'. */
  readonly serviceName?: string;
  readonly name?: string;
}

/**
 * One log line for a process that is gone, or null when it ended normally
 * (a window closed, a utility finished): only failures go to the log.
 */
export function describeGoneProcess(what: string, details: GoneProcess, where?: string): string | null {
  if (details.reason === 'clean-exit') return null;
  const kind = details.type === undefined ? what : `${what} (${details.type})`;
  const named = details.serviceName ?? details.name;
  return [
    `${kind} is gone: ${details.reason}, exit code ${details.exitCode}`,
    named === undefined || named === '' ? '' : `, ${named}`,
    where === undefined || where === '' ? '' : `, at ${where}`,
  ].join('');
}
