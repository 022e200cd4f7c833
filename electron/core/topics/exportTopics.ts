import type { NewTopic } from './TopicStore.ts';

/** What an export carries of a topic: its rule and settings (feed ids are the exporting library's), not its matches. */
export type TopicExportEntry = NewTopic;

export type TopicExportFormat = 'opml' | 'json';

/** The JSON export's `version`; readTopicExport reads this one. */
export const TOPIC_EXPORT_VERSION = 1;

/**
 * Writes topics as JSON — `{ "version": 1, "topics": [{ name, query,
 * feedIds?, categories, notify }] }` (feedIds only for topics limited to
 * feeds) — or as OPML 2.0 saved searches: one `<outline text="Topics">` in
 * the body holding an outline per topic,
 *
 *   <outline type="search" text="Name" title="Name" query="&quot;rare earth&quot; OR gallium"
 *            feedIds="3,7" categories="[&quot;Mining&quot;]" notify="true"/>
 *
 * `query` is the rule in the query language; `feedIds` (comma-separated ids
 * of the exporting library) only when the topic is limited to feeds;
 * `categories` a JSON array of feed category names, left out when empty;
 * `notify` only when true. readTopicExport reads both back.
 */
export function exportTopics(
  topics: readonly TopicExportEntry[],
  format: TopicExportFormat,
  dateCreated: Date,
): string {
  if (format === 'json') {
    const document = {
      version: TOPIC_EXPORT_VERSION,
      topics: topics.map((topic) => ({
        name: topic.name,
        query: topic.query,
        ...(topic.feedIds === null ? {} : { feedIds: [...topic.feedIds] }),
        categories: [...topic.categories],
        notify: topic.notify,
      })),
    };
    return `${JSON.stringify(document, null, 2)}\n`;
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    '    <title>Offprint topics</title>',
    `    <dateCreated>${dateCreated.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    '    <outline text="Topics" title="Topics">',
    ...topics.map((topic) => {
      const name = escapeAttribute(topic.name);
      const attributes = [
        'type="search"',
        `text="${name}"`,
        `title="${name}"`,
        `query="${escapeAttribute(topic.query)}"`,
        ...(topic.feedIds === null ? [] : [`feedIds="${topic.feedIds.join(',')}"`]),
        ...(topic.categories.length === 0 ? [] : [`categories="${escapeAttribute(JSON.stringify(topic.categories))}"`]),
        ...(topic.notify ? ['notify="true"'] : []),
      ];
      return `      <outline ${attributes.join(' ')}/>`;
    }),
    '    </outline>',
    '  </body>',
    '</opml>',
    '',
  ];
  return lines.join('\n');
}

/**
 * An XML attribute value. Characters XML cannot carry at all are dropped;
 * tabs and line breaks become references (written raw, a reader would turn
 * them into spaces).
 */
function escapeAttribute(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex -- finding control characters is the point here.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/\t/g, '&#9;')
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
  );
}
