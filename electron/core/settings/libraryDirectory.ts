/**
 * The library's directory: the `dataDirectory` setting when one is set,
 * else the directory the settings file is in (the app's data directory).
 */
export function libraryDirectory(settingsDirectory: string, dataDirectory: string | null): string {
  return dataDirectory ?? settingsDirectory;
}
