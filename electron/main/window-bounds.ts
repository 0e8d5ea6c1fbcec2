import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { screen } from 'electron';
import { writeFileAtomic } from '../services/atomic-file';

interface SavedBounds {
  bounds: Rectangle;
  maximized: boolean;
}

const fileFor = (dataDir: string, name: string): string => join(dataDir, `window-${name}.json`);

/** Last bounds, if they still fall on a connected display (a removed monitor must not hide the window). */
export const loadBounds = (dataDir: string, name: string): SavedBounds | null => {
  try {
    const file = fileFor(dataDir, name);
    if (!existsSync(file)) return null;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedBounds;
    const visible = screen.getAllDisplays().some((d) => {
      const a = d.workArea;
      return saved.bounds.x < a.x + a.width && saved.bounds.x + saved.bounds.width > a.x && saved.bounds.y < a.y + a.height && saved.bounds.y + saved.bounds.height > a.y;
    });
    return visible ? saved : null;
  } catch {
    return null;
  }
};

export const rememberBounds = (win: BrowserWindow, dataDir: string, name: string): void => {
  let timer: NodeJS.Timeout | null = null;
  const save = (): void => {
    if (win.isDestroyed()) return;
    const saved: SavedBounds = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    writeFileAtomic(fileFor(dataDir, name), JSON.stringify(saved));
  };
  const debounced = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', debounced);
  win.on('move', debounced);
  win.on('close', save);
};
