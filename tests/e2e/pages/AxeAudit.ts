import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue } from 'axe-core';
import type { Page } from 'playwright-core';

declare global {
  interface Window {
    /** axe-core, once AxeAudit has evaluated its source in the page. */
    axe?: { run(context: Document, options: { resultTypes: ['violations'] }): Promise<AxeResults> };
  }
}

/** The impacts a screen must never have: a blocked or badly hindered user (axe's moderate and minor are advice). */
const FAILING_IMPACTS: readonly ImpactValue[] = ['serious', 'critical'];

/** Elements named per rule; the rest are counted, so a theme-wide contrast failure stays readable. */
const TARGETS_SHOWN = 6;

let axeSource: Promise<string> | undefined;

/** axe-core's browser bundle, read once per test file. */
function loadAxeSource(): Promise<string> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * axe-core run over the whole page as it is now. The page's CSP
 * (`default-src 'self'`) refuses an inline <script>, so the source is
 * evaluated through the DevTools protocol, which the CSP does not govern;
 * no CSP bypass, so the audit sees the page as users get it.
 */
export class AxeAudit {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /**
   * The serious and critical violations, one string each: the rule, its
   * help text and the offending elements (selector, the start of their
   * HTML, axe's reason such as the measured contrast), so a failing
   * `toEqual([])` says what to fix.
   */
  async seriousViolations(): Promise<string[]> {
    // A reload or navigation gives a fresh window: evaluate axe again whenever it is gone.
    if (!(await this.page.evaluate(() => window.axe !== undefined))) {
      await this.page.evaluate(await loadAxeSource());
    }
    const violations = await this.page.evaluate(async () => {
      if (window.axe === undefined) throw new Error('AxeAudit: axe-core did not load in the page');
      const results = await window.axe.run(document, { resultTypes: ['violations'] });
      return results.violations.map(({ id, impact, help, nodes }) => ({
        id,
        impact: impact ?? null,
        help,
        nodes: nodes.map((node) => ({
          target: node.target.map(String).join(' '),
          html: node.html.length > 100 ? `${node.html.slice(0, 100)}…` : node.html,
          reason: node.failureSummary?.split('\n').slice(1).join(' ').trim() ?? '',
        })),
      }));
    });
    return violations
      .filter((violation) => violation.impact !== null && FAILING_IMPACTS.includes(violation.impact))
      .map(({ id, impact, help, nodes }) => {
        const shown = nodes.slice(0, TARGETS_SHOWN).map((node) => `${node.target} ${node.html} (${node.reason})`);
        const more = nodes.length > TARGETS_SHOWN ? [`and ${nodes.length - TARGETS_SHOWN} more`] : [];
        return `${id} [${impact}] ${help}: ${[...shown, ...more].join('; ')}`;
      });
  }
}
