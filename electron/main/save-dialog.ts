import { join } from 'node:path';
import { BrowserWindow, app, dialog, webContents } from 'electron';
import type { SaveDialogOptions } from 'electron';

/**
 * The desktop's "where to save" for an evidence export: the system save dialog, over the window
 * that asked (sender ids are `window#<webContents id>`, see ipc-bridge.ts). Null when the user
 * cancelled. The name always ends in .zip (the bundle's format).
 */
const TITLES = { 'zh-CN': '保存证据包', en: 'Save the evidence bundle' } as const;

export const chooseSaveFile = async (senderId: string, suggestedName: string, language: keyof typeof TITLES): Promise<string | null> => {
  const contents = webContents.fromId(Number(senderId.replace(/^window#/, '')));
  const win = contents ? BrowserWindow.fromWebContents(contents) : null;
  const options: SaveDialogOptions = {
    title: TITLES[language],
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: 'ZIP', extensions: ['zip'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (chosen.canceled || !chosen.filePath) return null;
  return /\.zip$/i.test(chosen.filePath) ? chosen.filePath : `${chosen.filePath}.zip`;
};
