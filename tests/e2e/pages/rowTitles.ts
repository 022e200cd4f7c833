import type { Locator } from 'playwright-core';

/** The titles that name `rows` (each row is labelled by its title element), in screen order. */
export async function rowTitles(rows: Locator): Promise<string[]> {
  return rows.evaluateAll((elements) =>
    elements.map((row) => {
      const titleId = row.getAttribute('aria-labelledby') ?? '';
      return document.getElementById(titleId)?.textContent ?? '';
    }),
  );
}
