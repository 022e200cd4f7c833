import { originOf } from './originOf.ts';

/** The privileged scheme the built renderer is served from in production. */
export const appScheme = 'offprint-app';
export const appOrigin = `${appScheme}://renderer`;

export interface RendererLocationOptions {
  readonly isPackaged: boolean;
  /** electron-vite's `ELECTRON_RENDERER_URL`, set only by `electron-vite dev`. */
  readonly devServerUrl: string | undefined;
}

export interface RendererLocation {
  /** What the main window loads. */
  readonly entryUrl: string;
  /** Origins whose frames may call the API and the window may navigate within. */
  readonly trustedOrigins: readonly string[];
}

/**
 * Where the renderer lives. The dev server is honoured only in an unpackaged
 * build, so an environment variable can never point a shipped app (and its
 * IPC trust) at another origin.
 */
export function rendererLocation({ isPackaged, devServerUrl }: RendererLocationOptions): RendererLocation {
  const production: RendererLocation = { entryUrl: `${appOrigin}/index.html`, trustedOrigins: [appOrigin] };
  if (isPackaged || devServerUrl === undefined) return production;
  const devOrigin = originOf(devServerUrl);
  if (devOrigin === null || !/^https?:\/\//.test(devOrigin)) return production;
  return { entryUrl: devServerUrl, trustedOrigins: [appOrigin, devOrigin] };
}
