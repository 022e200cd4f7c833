const count = new Intl.NumberFormat();

/** `1 feed`, `3 feeds`: the number in the reader's locale and an English noun with an `s` when it is not one. */
export function plural(value: number, noun: string): string {
  return `${count.format(value)} ${noun}${value === 1 ? '' : 's'}`;
}

/** `All 3 saved articles`, or `The saved article` when there is one. */
export function allOf(value: number, noun: string): string {
  return value === 1 ? `The ${noun}` : `All ${plural(value, noun)}`;
}
