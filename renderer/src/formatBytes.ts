const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const tenths = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A download size the way people read it: `512 bytes`, `84 KB`, `3.2 MB` (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${whole.format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${whole.format(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${tenths.format(bytes / (1024 * 1024))} MB`;
  return `${tenths.format(bytes / (1024 * 1024 * 1024))} GB`;
}
