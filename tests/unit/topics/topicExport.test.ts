import { describe, expect, it } from 'vitest';
import { exportTopics, type TopicExportEntry } from '../../../electron/core/topics/exportTopics.ts';
import { readTopicExport } from '../../../electron/core/topics/readTopicExport.ts';
import { OffprintError } from '../../../electron/shared/errors.ts';

const TOPICS: readonly TopicExportEntry[] = [
  {
    name: 'Critical "minerals" & <more>',
    query: '"rare earth" OR gallium -title:"fake news"',
    feedIds: [3, 7],
    categories: ['Critical Minerals', 'a, b', 'quote " and \\ slash'],
    notify: true,
  },
  { name: 'Gold\twatch\nlist', query: 'gold', feedIds: null, categories: [], notify: false },
  { name: 'Émigré 鉱物', query: 'レアアース OR émigré', feedIds: null, categories: ['鉱物'], notify: false },
];

const DATE = new Date('2026-05-01T10:00:00Z');

describe('exportTopics and readTopicExport', () => {
  it('round-trip every field through OPML and JSON', () => {
    for (const format of ['opml', 'json'] as const) {
      const read = readTopicExport(exportTopics(TOPICS, format, DATE));
      expect(read.problems, format).toEqual([]);
      expect(read.entries, format).toEqual(TOPICS);
    }
  });

  it('write OPML saved searches under one "Topics" outline, attributes escaped', () => {
    const opml = exportTopics(TOPICS.slice(0, 1), 'opml', DATE);
    expect(opml).toContain('<dateCreated>Fri, 01 May 2026 10:00:00 GMT</dateCreated>');
    expect(opml).toContain('<outline text="Topics" title="Topics">');
    expect(opml).toContain(
      '<outline type="search" text="Critical &quot;minerals&quot; &amp; &lt;more&gt;" title="Critical &quot;minerals&quot; &amp; &lt;more&gt;" ' +
        'query="&quot;rare earth&quot; OR gallium -title:&quot;fake news&quot;" feedIds="3,7" ',
    );
    expect(opml).toContain('notify="true"/>');
  });

  it('write JSON version 1, with feedIds only for topics limited to feeds', () => {
    const document = JSON.parse(exportTopics(TOPICS.slice(1, 2), 'json', DATE)) as unknown;
    expect(document).toEqual({
      version: 1,
      topics: [{ name: 'Gold\twatch\nlist', query: 'gold', categories: [], notify: false }],
    });
  });

  it('skip the entries they cannot read and say why', () => {
    const read = readTopicExport(
      JSON.stringify({
        version: 1,
        topics: [
          { name: 'Fine', query: 'fine' },
          'not an object',
          { name: '', query: 'x' },
          { name: 'x'.repeat(201), query: 'x' },
          { name: 'No query', query: '   ' },
          { name: 'Feeds', query: 'x', feedIds: [1, -2] },
          { name: 'Categories', query: 'x', categories: 'Mining' },
          { name: 'Notify', query: 'x', notify: 'yes' },
        ],
      }),
    );
    expect(read.entries).toEqual([{ name: 'Fine', query: 'fine', feedIds: null, categories: [], notify: false }]);
    expect(read.problems).toEqual([
      'topic 2 is not an object — skipped.',
      'topic 3 has no name — skipped.',
      'topic 4: the name is longer than 200 characters — skipped.',
      'topic 5 has no query — skipped.',
      'topic 6: feedIds must be feed ids (whole numbers) — skipped.',
      'topic 7: categories must be a list of names — skipped.',
      'topic 8: notify must be true or false — skipped.',
    ]);
  });

  it('recover saved searches from OPML that is not well-formed, and say so', () => {
    const broken = `<opml version="2.0"><body>
<outline type="search" text="Tom & Jerry" query="cartoons"/>
<outline type="search" text="Metals" query="gold OR silver" feedIds="1, x"/>
</body>`;
    const read = readTopicExport(broken);
    expect(read.entries).toEqual([
      { name: 'Tom & Jerry', query: 'cartoons', feedIds: null, categories: [], notify: false },
    ]);
    expect(read.problems).toEqual([
      expect.stringMatching(/^The file is not well-formed XML \(line 2: .*\); its outlines were read one by one/),
      'line 3 ("Metals"): feedIds must be feed ids (whole numbers) — skipped.',
    ]);
  });

  it('refuse files that are not a topics export at all', () => {
    const refusal = (content: string): string => {
      try {
        readTopicExport(content);
      } catch (error) {
        expect(error).toBeInstanceOf(OffprintError);
        return (error as OffprintError).message;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal('  ')).toBe('topics:import: the file is empty');
    expect(refusal('name,query')).toBe('topics:import: the file is neither OPML nor a JSON topics export');
    expect(refusal('{"version": 2, "topics": []}')).toBe(
      'topics:import: the JSON is version 2, this Offprint reads version 1',
    );
    expect(refusal('{"topics": 3}')).toMatch(/^topics:import: the JSON is not a topics export/);
    expect(refusal('{nope')).toMatch(/^topics:import: the JSON cannot be read \(/);
    expect(refusal('<rss version="2.0"><channel/></rss>')).toBe(
      'topics:import: the XML is not OPML (its root is <rss>)',
    );
    // OPML without saved searches is not an error, but it is said.
    expect(
      readTopicExport('<opml version="2.0"><body><outline text="x" xmlUrl="https://a.example/"/></body></opml>'),
    ).toEqual({
      entries: [],
      problems: ['The OPML has no saved searches (<outline type="search" query="…">).'],
    });
  });
});
