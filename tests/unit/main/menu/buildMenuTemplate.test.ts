import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../../../electron/main/menu/buildMenuTemplate.ts';

function actions(): { [Key in keyof MenuActions]: ReturnType<typeof vi.fn> } {
  return { pressKeys: vi.fn(), importOpml: vi.fn(), exportSaved: vi.fn(), revealLog: vi.fn() };
}

function build(platform: NodeJS.Platform, isPackaged = true, menuActions = actions()) {
  return buildMenuTemplate({
    platform,
    isPackaged,
    appName: 'Offprint',
    actions: menuActions as unknown as MenuActions,
  });
}

function items(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label?.replace('&', '') === label);
  if (menu === undefined || !Array.isArray(menu.submenu)) throw new Error(`no menu ${label}`);
  return menu.submenu;
}

function roles(list: MenuItemConstructorOptions[]): (string | undefined)[] {
  return list.filter((item) => item.type !== 'separator').map((item) => item.role ?? item.label);
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

describe('buildMenuTemplate', () => {
  it('on macOS puts the app menu first with about, hide and quit, and no Quit or About elsewhere', () => {
    const template = build('darwin');
    expect(template.map((item) => item.label)).toEqual([
      'Offprint',
      'File',
      'Edit',
      'View',
      'Articles',
      'Window',
      'Help',
    ]);
    expect(roles(items(template, 'Offprint'))).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(items(template, 'File'))).toEqual(['Import OPML…', 'Export Saved Articles as PDF…', 'Reveal Log']);
    expect(roles(items(template, 'Edit'))).toContain('pasteAndMatchStyle');
    expect(roles(items(template, 'Window'))).toEqual(['minimize', 'zoom', 'front']);
    expect(roles(items(template, 'Help'))).not.toContain('about');
  });

  it.each(['win32', 'linux'] as const)(
    'on %s has Quit in File, About in Help, access keys, no app menu',
    (platform) => {
      const template = build(platform);
      expect(template.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Articles', '&Window', '&Help']);
      expect(roles(items(template, 'File'))).toEqual([
        'Import OPML…',
        'Export Saved Articles as PDF…',
        'Reveal Log',
        'quit',
      ]);
      expect(roles(items(template, 'Edit'))).not.toContain('pasteAndMatchStyle');
      expect(roles(items(template, 'Window'))).toEqual(['minimize', 'close']);
      expect(roles(items(template, 'Help'))).toContain('about');
      expect(
        template
          .flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : []))
          .some((item) => item.role === 'quit'),
      ).toBe(true);
    },
  );

  it('offers reload and developer tools only in development builds', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(roles(items(build(platform, true), 'View'))).toEqual([
        'resetZoom',
        'zoomIn',
        'zoomOut',
        'togglefullscreen',
      ]);
      expect(roles(items(build(platform, false), 'View'))).toEqual([
        'reload',
        'forceReload',
        'toggleDevTools',
        'resetZoom',
        'zoomIn',
        'zoomOut',
        'togglefullscreen',
      ]);
    }
  });

  it("shows the reader's single-key shortcuts as display-only accelerators, so the key still reaches the page", () => {
    const articles = items(build('linux'), 'Articles').filter((item) => item.accelerator !== undefined);
    expect(articles.map((item) => [item.label, item.accelerator])).toEqual([
      ['Next Article', 'J'],
      ['Previous Article', 'K'],
      ['Open Original in Browser', 'O'],
      ['Save or Unsave', 'S'],
      ['Mark Read or Unread', 'M'],
      ['Search', '/'],
    ]);
    for (const item of articles) expect(item.registerAccelerator).toBe(false);
    const help = items(build('darwin'), 'Help')[0];
    expect(help).toMatchObject({ label: 'Keyboard Shortcuts', accelerator: '?', registerAccelerator: false });
  });

  it('presses the same keys in the page when an item is chosen; two-key sequences are named in the label', () => {
    const menuActions = actions();
    const articles = items(build('win32', true, menuActions), 'Articles');
    click(articles.find((item) => item.label === 'Next Article'));
    const saved = articles.find((item) => item.label?.startsWith('Saved'));
    expect(saved?.label).toBe('Saved  (g then s)');
    expect(saved?.accelerator).toBeUndefined();
    click(saved);
    expect(menuActions.pressKeys.mock.calls).toEqual([[['j']], [['g', 's']]]);
  });

  it('wires File items to their actions', () => {
    const menuActions = actions();
    const file = items(build('linux', true, menuActions), 'File');
    for (const item of file) click(item);
    expect(menuActions.importOpml).toHaveBeenCalledOnce();
    expect(menuActions.exportSaved).toHaveBeenCalledOnce();
    expect(menuActions.revealLog).toHaveBeenCalledOnce();
  });
});
