import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The directory Electron's `app.getPath('userData')` gives the desktop app,
 * computed without Electron so the CLI and the Node host open the same
 * library: %APPDATA%\Offprint, ~/Library/Application Support/Offprint, or
 * $XDG_CONFIG_HOME/Offprint (default ~/.config/Offprint).
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const home = homedir();
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Offprint');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Offprint');
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Offprint');
}
