import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { packagedMenuTemplate } from './app-menu';

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);

describe('packaged application menu', () => {
  it('is no menu at all on Windows and Linux', () => {
    expect(packagedMenuTemplate('win32', 'zh-CN')).toBeNull();
    expect(packagedMenuTemplate('linux', 'en')).toBeNull();
  });

  it('on macOS holds only hide, quit and the editing roles: no reload, no DevTools, no View or Window menu', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const template = packagedMenuTemplate('darwin', language);
      if (!template) throw new Error('macOS needs a menu for ⌘Q and the editing keys');
      const roles = flatten(template).map((item) => item.role).filter((role) => role !== undefined);
      expect(roles).toEqual(['hide', 'hideOthers', 'unhide', 'quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    }
  });

  it('labels every item in the console’s language', () => {
    const labels = (language: 'zh-CN' | 'en') =>
      flatten(packagedMenuTemplate('darwin', language) ?? [])
        .filter((item) => item.type !== 'separator')
        .map((item) => item.label);
    expect(labels('zh-CN')).toEqual(['Countersign', '隐藏 Countersign', '隐藏其他', '全部显示', '退出 Countersign', '编辑', '撤销', '重做', '剪切', '拷贝', '粘贴', '全选']);
    expect(labels('en')).toEqual(['Countersign', 'Hide Countersign', 'Hide Others', 'Show All', 'Quit Countersign', 'Edit', 'Undo', 'Redo', 'Cut', 'Copy', 'Paste', 'Select All']);
  });
});
