const NOT_SAVED = 'Image not saved for offline reading';

/**
 * Plain words for the image cache's reason codes (core's MissingImageReason);
 * the rest get the generic sentence. A Map, so `constructor` is no code.
 */
const REASON_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'not-cached': 'not downloaded yet',
    'unsupported-source': 'it has no address to download from',
    'unsupported-type': 'not a supported image type',
    'type-mismatch': 'not a supported image type',
    'article-too-large': "the article's images were too large to keep",
    'too-large': 'the image was too large',
    'decompressed-too-large': 'the image was too large',
    timeout: 'the server took too long',
    'connect-timeout': 'the server took too long',
    dns: 'the site could not be found',
    connection: 'the connection failed',
    'too-many-redirects': 'too many redirects',
    'redirect-loop': 'too many redirects',
    'bad-url': 'its address is not valid',
    'unsupported-scheme': 'its address is not a web address',
    aborted: 'the download was stopped',
  }),
);

const HTTP_STATUS = /^http-(\d{3})$/;

/**
 * What a placeholder says for `data-offprint-missing="<reason>"`:
 * "Image not saved for offline reading (server said 404)." An unknown code
 * gets no explanation rather than the code itself.
 */
export function missingImageMessage(reason: string): string {
  const status = HTTP_STATUS.exec(reason)?.[1];
  const words = status === undefined ? REASON_WORDS.get(reason) : `server said ${status}`;
  return words === undefined ? `${NOT_SAVED}.` : `${NOT_SAVED} (${words}).`;
}
