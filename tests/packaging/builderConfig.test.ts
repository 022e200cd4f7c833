import { describe, expect, it } from 'vitest';
import { builderConfigValidator, readBuilderConfig, type BuilderConfig } from './support/builderSchema.ts';

// electron-builder.yml against app-builder-lib's scheme.json, and what the
// installers promise (tests/packaging/asar.test.ts packs it for real).
const validate = builderConfigValidator();
const config = readBuilderConfig();
const section = (value: unknown) => value as Record<string, unknown>;

describe('electron-builder.yml schema', () => {
  it('is valid against app-builder-lib/scheme.json', () => {
    expect(validate(config)).toEqual([]);
  });

  it.each<[string, (copy: BuilderConfig) => void, string]>([
    [
      'a misspelled top-level key',
      (copy) => {
        copy['fileAssocations'] = copy['fileAssociations'];
      },
      'fileAssocations',
    ],
    [
      'a misspelled NSIS option',
      (copy) => {
        section(copy['nsis'])['oneClik'] = false;
      },
      'oneClik',
    ],
    [
      'an unknown fuse',
      (copy) => {
        section(copy['electronFuses'])['runAsNodeJs'] = false;
      },
      'runAsNodeJs',
    ],
  ])('rejects a copy with %s', (_name, mutate, key) => {
    const copy = structuredClone(config);
    mutate(copy);
    expect(validate(copy)).toContainEqual(
      expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: key } }),
    );
  });

  it('rejects a copy with a fuse that is not a boolean', () => {
    const copy = structuredClone(config);
    section(copy['electronFuses'])['runAsNode'] = 'off';
    expect(validate(copy)).toContainEqual(
      expect.objectContaining({ instancePath: '/electronFuses/runAsNode', keyword: 'type' }),
    );
  });
});

describe('electron-builder.yml targets and app identity', () => {
  it('names the app', () => {
    expect(config).toMatchObject({ appId: 'app.offprint.reader', productName: 'Offprint' });
  });

  it('builds a per-user NSIS installer for x64 and arm64 where the user chooses the folder', () => {
    expect(config['win']).toMatchObject({ target: [{ target: 'nsis', arch: ['x64', 'arm64'] }] });
    expect(config['nsis']).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    });
  });

  it('builds a hardened-runtime dmg for x64 and arm64 in the News category', () => {
    expect(config['mac']).toMatchObject({
      target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
      hardenedRuntime: true,
      category: 'public.app-category.news',
    });
  });

  it('builds an AppImage and a deb in the News category', () => {
    expect(config['linux']).toMatchObject({ target: ['AppImage', 'deb'], category: 'News' });
  });

  it('opens .opml files and offprint:// links', () => {
    expect(config['fileAssociations']).toEqual([
      expect.objectContaining({
        ext: 'opml',
        name: 'OPML subscription list',
        role: 'Viewer',
        mimeType: 'text/x-opml',
      }),
    ]);
    expect(config['protocols']).toEqual([expect.objectContaining({ schemes: ['offprint'] })]);
  });

  it('sets the Electron fuses', () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      enableNodeOptionsEnvironmentVariable: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('rebuilds no native modules (there are none: SQLite is node:sqlite)', () => {
    expect(config).toMatchObject({ npmRebuild: false, nodeGypRebuild: false });
  });
});
