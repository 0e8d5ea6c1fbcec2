import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/domain/settings';

/**
 * The application menu of a packaged build. Electron's default menu carries Reload, Force
 * Reload and Toggle Developer Tools, which let anyone at the counter reload mid-sale or open
 * DevTools; a packaged build never shows it.
 * - Windows and Linux: no menu at all. The console is driven from its own screens, and
 *   Chromium handles copy, paste and undo in text fields without a menu.
 * - macOS: a minimal menu, because there the standard editing keys (⌘C ⌘V ⌘X ⌘A ⌘Z) and
 *   ⌘Q/⌘H only work through menu items: the app menu (hide, quit) and Edit. No View or
 *   Window menu, so no reload and no DevTools.
 */
const LABELS: Record<Language, Record<'hide' | 'hideOthers' | 'unhide' | 'quit' | 'edit' | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll', string>> = {
  'zh-CN': {
    hide: '隐藏 Countersign',
    hideOthers: '隐藏其他',
    unhide: '全部显示',
    quit: '退出 Countersign',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '拷贝',
    paste: '粘贴',
    selectAll: '全选',
  },
  en: {
    hide: 'Hide Countersign',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    quit: 'Quit Countersign',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
  },
};

/** The menu template for a packaged build on `platform`, or null for no menu at all. */
export const packagedMenuTemplate = (platform: NodeJS.Platform, language: Language): MenuItemConstructorOptions[] | null => {
  if (platform !== 'darwin') return null;
  const l = LABELS[language];
  return [
    {
      // macOS titles the first menu with the app's name whatever its label says.
      label: 'Countersign',
      submenu: [
        { role: 'hide', label: l.hide },
        { role: 'hideOthers', label: l.hideOthers },
        { role: 'unhide', label: l.unhide },
        { type: 'separator' },
        { role: 'quit', label: l.quit },
      ],
    },
    {
      label: l.edit,
      submenu: [
        { role: 'undo', label: l.undo },
        { role: 'redo', label: l.redo },
        { type: 'separator' },
        { role: 'cut', label: l.cut },
        { role: 'copy', label: l.copy },
        { role: 'paste', label: l.paste },
        { role: 'selectAll', label: l.selectAll },
      ],
    },
  ];
};
