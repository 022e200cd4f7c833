/**
 * Error messages name the call first for logs (`feeds:add: … is not a feed`);
 * on screen the call name is noise, so it is dropped. The rest is left as
 * written: it often starts with a URL, which must not be recased.
 */
export function plainMessage(message: string): string {
  return message.replace(/^[a-z]+:[A-Za-z]+:\s+/, '');
}
