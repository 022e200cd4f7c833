// The benchmarks' command-line options: `-- --articles 200` and the like.

/** The word after `flag` on the command line, or undefined when the flag is not there. */
export function argumentAfter(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at < 0 ? undefined : process.argv[at + 1];
}

/** A count from the command line or the environment ("100_000" and "100,000" read as 100000); `fallback` when not given. */
export function positiveInteger(value: string | undefined, fallback: number, bench: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${bench}: expected a positive integer, got ${value}`);
  return parsed;
}
