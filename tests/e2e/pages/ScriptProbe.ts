import type { Locator, Page } from 'playwright-core';

declare global {
  interface Window {
    /** Set by the XSS vectors' payloads; must stay undefined. */
    __xss?: unknown;
    /** Content-security-policy violations the page saw, collected by the probe's init script. */
    __cspViolations?: string[];
  }
}

/**
 * Watches a page for any sign that injected script ran or tried to: alert
 * and friends (dialogs), the vectors' `window.__xss` marker, CSP
 * violations, navigations away, frames, and dangerous nodes in the DOM.
 */
export class ScriptProbe {
  readonly page: Page;
  readonly dialogs: string[] = [];
  readonly pageErrors: string[] = [];

  private constructor(page: Page) {
    this.page = page;
    page.on('dialog', (dialog) => {
      this.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
  }

  /** Attach before the page loads: the violation listener is an init script. */
  static async attach(page: Page): Promise<ScriptProbe> {
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window.__cspViolations ??= []).push(
          `${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
        );
      });
    });
    return new ScriptProbe(page);
  }

  async marker(): Promise<unknown> {
    return this.page.evaluate(() => window.__xss);
  }

  async violations(): Promise<string[]> {
    return this.page.evaluate(() => window.__cspViolations ?? []);
  }

  /** Waits until every image in `scope` has loaded or failed (so any onerror had its chance), then a beat for timers. */
  async settle(scope: Locator): Promise<void> {
    await scope.evaluate(
      (root) =>
        new Promise<void>((resolve) => {
          const pending = Array.from(root.querySelectorAll('img')).filter((image) => !image.complete);
          let left = pending.length;
          const done = (): void => {
            left -= 1;
            if (left <= 0) resolve();
          };
          if (left === 0) resolve();
          for (const image of pending) {
            image.addEventListener('load', done, { once: true });
            image.addEventListener('error', done, { once: true });
          }
        }),
    );
    await this.page.waitForTimeout(50);
  }

  /**
   * Dangerous nodes: anywhere in the document, frames, objects, embeds,
   * base, refresh meta tags and on* attributes; inside `body` (the article
   * HTML), also scripts, styles, forms and their widgets, SVG, MathML, style
   * attributes, and URLs other than http(s), mailto and the image cache.
   */
  async unsafeNodes(body: Locator): Promise<string[]> {
    return body.evaluate((root) => {
      const problems: string[] = [];
      const describe = (element: Element): string => element.outerHTML.slice(0, 120);
      for (const element of Array.from(
        document.querySelectorAll('iframe, frame, object, embed, base, meta[http-equiv]'),
      )) {
        problems.push(`document has ${describe(element)}`);
      }
      for (const element of Array.from(document.querySelectorAll('*'))) {
        for (const attribute of Array.from(element.attributes)) {
          if (attribute.name.startsWith('on')) problems.push(`handler ${attribute.name} on ${describe(element)}`);
        }
      }
      const forbidden = 'script, style, link, form, input, button, textarea, select, svg, math, template, noscript';
      for (const element of Array.from(root.querySelectorAll(forbidden)))
        problems.push(`article has ${describe(element)}`);
      for (const element of Array.from(root.querySelectorAll('*'))) {
        if (element.hasAttribute('style')) problems.push(`style attribute on ${describe(element)}`);
        for (const name of ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster', 'background']) {
          const value = element.getAttribute(name);
          if (value === null) continue;
          let protocol: string;
          try {
            protocol = new URL(value).protocol;
          } catch {
            protocol = 'relative';
          }
          const ok =
            (name === 'href' && ['http:', 'https:', 'mailto:'].includes(protocol)) ||
            (name === 'src' && (['http:', 'https:'].includes(protocol) || protocol === 'offprint-image:'));
          if (!ok) problems.push(`${name}=${value} on ${describe(element)}`);
        }
      }
      for (const link of Array.from(root.querySelectorAll('a[href]'))) {
        if (link.getAttribute('target') !== '_blank' || link.getAttribute('rel') !== 'noopener noreferrer') {
          problems.push(`link without target/rel: ${describe(link)}`);
        }
      }
      return problems;
    });
  }
}
