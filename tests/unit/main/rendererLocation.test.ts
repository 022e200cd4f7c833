import { describe, expect, it } from 'vitest';
import { appOrigin, rendererLocation } from '../../../electron/main/rendererLocation.ts';

describe('rendererLocation', () => {
  it('serves the built renderer from the app scheme by default', () => {
    expect(rendererLocation({ isPackaged: true, devServerUrl: undefined })).toEqual({
      entryUrl: 'offprint-app://renderer/index.html',
      trustedOrigins: [appOrigin],
    });
  });

  it('uses and trusts the dev server only in an unpackaged build', () => {
    expect(rendererLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173' })).toEqual({
      entryUrl: 'http://localhost:5173',
      trustedOrigins: [appOrigin, 'http://localhost:5173'],
    });
    expect(rendererLocation({ isPackaged: true, devServerUrl: 'http://localhost:5173' }).trustedOrigins).toEqual([
      appOrigin,
    ]);
  });

  it.each(['file:///tmp/index.html', 'javascript:alert(1)', 'not a url'])(
    'ignores a dev server URL that is not http(s): %s',
    (devServerUrl) => {
      expect(rendererLocation({ isPackaged: false, devServerUrl }).trustedOrigins).toEqual([appOrigin]);
    },
  );
});
