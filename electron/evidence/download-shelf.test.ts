import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../services/logger';
import { DOWNLOAD_ROUTE, DownloadShelf, EXPORTS_FOLDER } from './download-shelf';

let dataDir = '';
beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'shelf-'))));
afterEach(() => {
  vi.useRealTimers();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the browser host’s evidence downloads', () => {
  it('hands a finished bundle out once, by its token only', () => {
    const shelf = new DownloadShelf(dataDir, silentLogger);
    const item = shelf.reserve('case-1.zip');
    writeFileSync(item.path, 'zip');
    expect(shelf.take(item.token)).toBeNull();
    expect(shelf.offer(item.token)).toBe(`${DOWNLOAD_ROUTE}${item.token}`);
    expect(shelf.take('../../device.json')).toBeNull();
    expect(shelf.take(item.token)).toEqual({ path: item.path, fileName: 'case-1.zip' });
    expect(shelf.take(item.token)).toBeNull();
  });

  it('removes a bundle nobody fetched after an hour', () => {
    vi.useFakeTimers();
    const shelf = new DownloadShelf(dataDir, silentLogger);
    const item = shelf.reserve('case-1.zip');
    writeFileSync(item.path, 'zip');
    shelf.offer(item.token);
    vi.advanceTimersByTime(59 * 60_000);
    expect(existsSync(item.path)).toBe(true);
    vi.advanceTimersByTime(2 * 60_000);
    expect(shelf.take(item.token)).toBeNull();
  });

  it('clears what a previous run left in the folder when it starts', () => {
    const dir = join(dataDir, EXPORTS_FOLDER);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'old.zip'), 'zip');
    writeFileSync(join(dir, '.x.zip.1.partial'), 'zip');
    new DownloadShelf(dataDir, silentLogger).stop();
    expect(readdirSync(dir)).toEqual([]);
  });
});
