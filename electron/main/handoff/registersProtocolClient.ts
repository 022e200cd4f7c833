/**
 * Whether the app registers itself for `offprint://` links at run time.
 * Only a packaged build on Windows: there the installer does not (the
 * builder's `protocols` key writes macOS's Info.plist and the Linux
 * packages' desktop entry, not the registry). An unpackaged build would
 * register the bare Electron executable, which cannot open the app.
 */
export function registersProtocolClient(platform: NodeJS.Platform, isPackaged: boolean): boolean {
  return platform === 'win32' && isPackaged;
}
