import { describe, expect, it } from 'vitest';
import { CONTEXT_LENGTH, QuoteLocator } from '../../../electron/core/annotations/QuoteLocator.ts';

describe('QuoteLocator', () => {
  it('finds the first copy without a position, the nearest with one', () => {
    const locator = new QuoteLocator('gold up. gold down. gold flat.');
    expect(locator.locate({ quote: 'gold' })).toEqual({ start: 0, end: 4 });
    expect(locator.locate({ quote: 'gold', near: 17 })).toEqual({ start: 20, end: 24 });
  });

  it('gives offsets in the original text when white space runs differ', () => {
    const text = 'Line one.\r\n\r\n  Line   two ends here.';
    const range = new QuoteLocator(text).locate({ quote: 'one. Line two' });
    expect(range).not.toBeNull();
    expect(text.slice(range?.start, range?.end)).toBe('one.\r\n\r\n  Line   two');
  });

  it('folds exactly the characters JavaScript calls white space', () => {
    for (let code = 0; code <= 0xffff; code += 1) {
      const character = String.fromCharCode(code);
      const found = new QuoteLocator(`tin${character}ore`).locate({ quote: 'tin ore' });
      expect(found !== null, `U+${code.toString(16).padStart(4, '0')}`).toBe(/\s/.test(character));
    }
  });

  it('does not look for white space at the ends of a quote', () => {
    const text = 'Prices rose.Traders cheered.';
    expect(new QuoteLocator(text).locate({ quote: ' Traders cheered.\n' })).toEqual({ start: 12, end: 28 });
  });

  it('keeps the white space at the ends of a quote where the text has it', () => {
    const text = 'Prices rose.\n\nTraders cheered.\r\nMarkets closed.';
    const locator = new QuoteLocator(text);
    const spelled = (quote: string) => {
      const range = locator.locate({ quote });
      return range === null ? null : text.slice(range.start, range.end);
    };
    // The same white space where the text has it; else the text's own run there.
    expect(spelled('\nTraders cheered.\r\n')).toBe('\nTraders cheered.\r\n');
    expect(spelled('\nTraders cheered.\n')).toBe('\nTraders cheered.\r\n');
    expect(spelled('  Traders cheered.\t')).toBe('\n\nTraders cheered.\r\n');
    expect(spelled('Markets closed. ')).toBe('Markets closed.');
  });

  it('finds nothing for a quote of white space or one not in the text', () => {
    const locator = new QuoteLocator('Prices rose.');
    expect(locator.locate({ quote: ' \n\t' })).toBeNull();
    expect(locator.locate({ quote: 'Prices fell' })).toBeNull();
  });

  it('keeps up to 32 characters of context either side', () => {
    const text = `${'a'.repeat(40)}QUOTE${'b'.repeat(40)}`;
    expect(new QuoteLocator(text).context({ start: 40, end: 45 })).toEqual({
      prefix: 'a'.repeat(CONTEXT_LENGTH),
      suffix: 'b'.repeat(CONTEXT_LENGTH),
    });
    expect(new QuoteLocator('xQUOTEy').context({ start: 1, end: 6 })).toEqual({ prefix: 'x', suffix: 'y' });
  });
});
