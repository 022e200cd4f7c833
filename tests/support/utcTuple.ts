/** feedparser's date answers compare the first six items of a UTC tuple: y, m, d, H, M, S. */
export function utcTuple(iso: string): number[] {
  const date = new Date(iso);
  return [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  ];
}
