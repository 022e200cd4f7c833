/**
 * The app's version, reported by the app, the host and the CLI. Kept as a
 * literal so every bundle (Electron main, Node host) carries it; a unit test
 * checks it against package.json.
 */
export const OFFPRINT_VERSION = '0.1.0';
