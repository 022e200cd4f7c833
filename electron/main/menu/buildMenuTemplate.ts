import type { MenuItemConstructorOptions } from 'electron';

/** What the menu's own items do; index.ts supplies them. */
export interface MenuActions {
  /** Presses keys in the page one after another, as the reader's shortcuts expect (`['g', 'a']`). */
  readonly pressKeys: (keys: readonly string[]) => void;
  readonly importOpml: () => void;
  readonly exportSaved: () => void;
  readonly revealLog: () => void;
}

export interface MenuTemplateInput {
  readonly platform: NodeJS.Platform;
  readonly isPackaged: boolean;
  readonly appName: string;
  readonly actions: MenuActions;
}

/**
 * A reader shortcut shown in the menu. The page's keyboard handler
 * (renderer/src/hooks/useKeyboardShortcuts.ts) owns the key: the
 * accelerator is display-only (`registerAccelerator: false`) so a press
 * still reaches the page, and it keeps its rules (nothing while typing in a
 * field or with a dialog open). Choosing the item presses the same keys in
 * the page. Two-key sequences (g then a) have no accelerator form: the keys
 * are named in the label.
 */
function shortcut(
  label: string,
  keys: readonly string[],
  actions: MenuActions,
  accelerator?: string,
): MenuItemConstructorOptions {
  return {
    label: accelerator === undefined ? `${label}  (${keys.join(' then ')})` : label,
    ...(accelerator === undefined ? {} : { accelerator, registerAccelerator: false }),
    click: () => {
      actions.pressKeys(keys);
    },
  };
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The native application menu, as a pure function of the platform and
 * whether this is a packaged build: macOS gets the app menu first (about,
 * services, hide, quit) and its own Edit and Window items; elsewhere Quit
 * is in File and About in Help. Reload and the developer tools are only in
 * development builds.
 */
export function buildMenuTemplate({
  platform,
  isPackaged,
  appName,
  actions,
}: MenuTemplateInput): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  // Windows and Linux underline a menu's access key (Alt+F); macOS has none.
  const top = (name: string) => (mac ? name : `&${name}`);
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about' },
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: top('File'),
    submenu: [
      { label: 'Import OPML…', click: actions.importOpml },
      { label: 'Export Saved Articles as PDF…', click: actions.exportSaved },
      separator,
      { label: 'Reveal Log', click: actions.revealLog },
      ...(mac ? [] : [separator, { role: 'quit' } as const]),
    ],
  });
  template.push({
    label: top('Edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: top('View'),
    submenu: [
      ...(isPackaged
        ? []
        : [
            { role: 'reload' } as const,
            { role: 'forceReload' } as const,
            { role: 'toggleDevTools' } as const,
            separator,
          ]),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  });
  template.push({
    label: top('Articles'),
    submenu: [
      shortcut('Next Article', ['j'], actions, 'J'),
      shortcut('Previous Article', ['k'], actions, 'K'),
      shortcut('Open Original in Browser', ['o'], actions, 'O'),
      shortcut('Save or Unsave', ['s'], actions, 'S'),
      shortcut('Mark Read or Unread', ['m'], actions, 'M'),
      separator,
      shortcut('Search', ['/'], actions, '/'),
      shortcut('All Articles', ['g', 'a'], actions),
      shortcut('Unread', ['g', 'u'], actions),
      shortcut('Saved', ['g', 's'], actions),
    ],
  });
  template.push({
    label: top('Window'),
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  });
  template.push({
    role: 'help',
    label: top('Help'),
    submenu: [
      shortcut('Keyboard Shortcuts', ['?'], actions, '?'),
      ...(mac ? [] : [separator, { role: 'about' } as const]),
    ],
  });
  return template;
}
