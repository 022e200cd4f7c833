import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../electron/core/extract/htmlToText.ts';

describe('htmlToText', () => {
  it('gives one line per block, with entities decoded and scripts, styles and templates dropped', () => {
    expect(
      htmlToText(
        '<h2>Tin &amp; tungsten</h2><p>Prices&nbsp;rose <b>3%</b>.</p><script>alert(1)</script><style>p{}</style><ul><li>one</li><li>two</li></ul>',
      ),
    ).toBe('Tin & tungsten\nPrices rose 3%.\none\ntwo');
  });

  it('reads line breaks in the source as spaces, as a browser does', () => {
    expect(
      htmlToText('<p>Export licences for\n    gallium were\r\n  tightened.</p>\n\n<p>Second\tparagraph.</p>'),
    ).toBe('Export licences for gallium were tightened.\nSecond paragraph.');
  });

  it('keeps the lines of preformatted text, and <br> as a line break', () => {
    expect(htmlToText('<p>Line one<br>line two</p><pre>a = 1\nb = 2</pre>')).toBe('Line one\nline two\na = 1\nb = 2');
  });

  it('returns an empty string for markup without text', () => {
    expect(htmlToText('<p> </p><img src="x.png"><script>text()</script>')).toBe('');
  });
});
