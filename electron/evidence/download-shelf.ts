import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../services/logger';

/**
 * The browser host's evidence downloads: a bundle is written into `<data>/exports/evidence/`
 * under a random name and offered once at `/exports/evidence/<token>` (the browser host's
 * route, web-host/http-handler.ts). `take` hands the file out once and forgets it; the route
 * deletes it after sending. Bundles nobody fetched are removed after an hour, and everything
 * in the folder (a crash's leftovers included) when the host starts. Only files this shelf
 * placed can ever be served: the token is looked up, never turned into a path.
 */
export const EXPORTS_FOLDER = join('exports', 'evidence');
export const DOWNLOAD_ROUTE = '/exports/evidence/';
const KEEP_MS = 60 * 60_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface ShelfItem {
  path: string;
  /** The name the browser saves it as. */
  fileName: string;
}

interface Placed extends ShelfItem {
  token: string;
  /** Offered for download (the export finished); until then the path is only reserved. */
  ready: boolean;
  expires: NodeJS.Timeout | null;
}

export class DownloadShelf {
  readonly dir: string;
  private readonly items = new Map<string, Placed>();

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.dir = join(dataDir, EXPORTS_FOLDER);
    // Left from the last run (a download never fetched, a crash mid-export): nobody can ask for it any more.
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** A path for a bundle about to be written. */
  reserve(fileName: string): Placed {
    const token = randomBytes(32).toString('base64url');
    const item: Placed = { token, path: join(this.dir, `${token}.zip`), fileName, ready: false, expires: null };
    this.items.set(token, item);
    return item;
  }

  /** The bundle is complete: downloadable once, for an hour. */
  offer(token: string): string {
    const item = this.items.get(token);
    if (!item) throw new Error('unknown download');
    item.ready = true;
    item.expires = setTimeout(() => this.expire(token), KEEP_MS);
    item.expires.unref();
    return `${DOWNLOAD_ROUTE}${token}`;
  }

  /** Drops a reservation (the export failed or was cancelled); the writer removed its file. */
  async drop(token: string): Promise<void> {
    const item = this.items.get(token);
    this.items.delete(token);
    if (item?.expires) clearTimeout(item.expires);
    if (item) await rm(item.path, { force: true });
  }

  /** The file behind a download token, once; null for anything else. */
  take(token: string): ShelfItem | null {
    if (!TOKEN.test(token)) return null;
    const item = this.items.get(token);
    if (!item?.ready) return null;
    this.items.delete(token);
    if (item.expires) clearTimeout(item.expires);
    try {
      return statSync(item.path).isFile() ? { path: item.path, fileName: item.fileName } : null;
    } catch {
      return null;
    }
  }

  /** Removes a file after it was sent (or could not be). */
  remove(path: string): void {
    rmSync(path, { force: true });
  }

  private expire(token: string): void {
    const item = this.items.get(token);
    this.items.delete(token);
    if (!item) return;
    rm(item.path, { force: true }).catch((error: unknown) => this.logger.warn('evidence.download-expire-failed', { error: error instanceof Error ? error.message : String(error) }));
    this.logger.info('evidence.download-expired', { fileName: item.fileName });
  }

  /** Files still on the shelf (tests). */
  files(): string[] {
    return readdirSync(this.dir);
  }

  stop(): void {
    for (const item of this.items.values()) if (item.expires) clearTimeout(item.expires);
  }
}
