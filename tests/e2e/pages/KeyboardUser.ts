import type { Locator, Page } from 'playwright-core';

declare global {
  interface Window {
    /** Trusted pointer presses the page saw, counted by KeyboardUser.watchPointer's init script. */
    __pointerPresses?: number;
  }
}

/** A user with no mouse: keys, Tab through the page, and what has focus. */
export class KeyboardUser {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /**
   * Counts every real pointer press from now on (call before the page
   * loads: it is an init script), so a test can prove nobody used a mouse.
   */
  async watchPointer(): Promise<void> {
    await this.page.addInitScript(() => {
      window.__pointerPresses = 0;
      document.addEventListener(
        'pointerdown',
        (event) => {
          if (event.isTrusted) window.__pointerPresses = (window.__pointerPresses ?? 0) + 1;
        },
        true,
      );
    });
  }

  /** Pointer presses seen since the page loaded (0 unless watchPointer was called first). */
  async pointerPresses(): Promise<number> {
    return this.page.evaluate(() => window.__pointerPresses ?? 0);
  }

  /** Presses keys one after another (`press('g', 's')`). */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** Tabs forward until `target` has focus; fails after `maxPresses`. */
  async tabTo(target: Locator, maxPresses = 60): Promise<void> {
    for (let presses = 0; presses < maxPresses; presses += 1) {
      if (await this.hasFocus(target)) return;
      await this.page.keyboard.press('Tab');
    }
    if (!(await this.hasFocus(target))) {
      throw new Error(`KeyboardUser: ${maxPresses} Tabs never reached ${target.toString()}`);
    }
  }

  /** True when focus is on `target` itself or inside it. */
  async hasFocus(target: Locator): Promise<boolean> {
    if ((await target.count()) === 0) return false;
    return target.first().evaluate((element) => element.contains(document.activeElement));
  }

  /** The focused element's accessible-ish name: its aria-label, its labelling element's text, or its own text. */
  async focusedName(): Promise<string> {
    return this.page.evaluate(() => {
      const element = document.activeElement;
      if (element === null) return '';
      const labelledBy = element.getAttribute('aria-labelledby');
      if (labelledBy !== null) return document.getElementById(labelledBy)?.textContent ?? '';
      return element.getAttribute('aria-label') ?? element.textContent;
    });
  }

  /** Whether the focused element shows its focus ring (`:focus-visible`, as after keyboard use). */
  async focusIsVisible(): Promise<boolean> {
    return this.page.evaluate(() => document.activeElement?.matches(':focus-visible') ?? false);
  }
}
