import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { BACKUP_FORMAT, MANIFEST_FILE, MANIFEST_SIG_FILE, MAIN_FILE_PREFIX, manifestSigText, tablePartName } from '../../shared/domain/backup/manifest';
import type { BackupManifest, BackupReason, ManifestCheckpoint, TableSummary } from '../../shared/domain/backup/manifest';
import { tarEnd, tarHeader, tarPadding } from '../../shared/domain/backup/tar';
import type { DeviceKey } from '../audit/device-key';
import { PushStream } from './push-stream';

/**
 * Writes one backup file (README "Backups"): an age file (scrypt recipient under the manager's
 * passphrase, or the device's X25519 backup key) whose plaintext is a ustar archive of
 * `tables/<table>/<part>.ndjson` as the renderer streams them, `main/*` files, then
 * `manifest.json` and `manifest.sig` (counts and SHA-256 per table, signed by the device key).
 * The file is written as `<name>.partial` and renamed only once complete.
 */
export type BackupEncryption = { passphrase: string; logN?: number } | { recipient: string };

export interface BackupMeta {
  schemaVersion: number;
  firstSale: string | null;
  lastSale: string | null;
  auditEntries: number;
  auditHeadHash: string | null;
  lastCheckpoint: ManifestCheckpoint | null;
}

export type OpenFile = (path: string, flags: string, mode: number) => Promise<Pick<FileHandle, 'write' | 'sync' | 'close'>>;

export class BackupPartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupPartError';
  }
}

interface TableState {
  rows: number;
  parts: number;
  hash: ReturnType<typeof createHash>;
}

export class BackupWriter {
  readonly id = randomBytes(16).toString('hex');
  private readonly tables = new Map<string, TableState>();
  private current: string | null = null;
  private failure: unknown = null;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly opts: { reason: BackupReason; key: DeviceKey; app: string; encryption: BackupEncryption; includesPins: boolean; now: () => number },
    private readonly push: PushStream,
    private readonly pump: Promise<void>,
    private readonly counter: { bytes: number },
  ) {
    pump.catch((error: unknown) => {
      this.failure = error;
      push.error(error);
    });
  }

  /** `openFile`: the file system's open, replaced by tests that make the disk fill up (ENOSPC). */
  static async open(
    file: string,
    opts: { reason: BackupReason; key: DeviceKey; app: string; encryption: BackupEncryption; includesPins: boolean; now?: () => number; openFile?: OpenFile },
  ): Promise<BackupWriter> {
    const { Encrypter } = await import('age-encryption');
    mkdirSync(dirname(file), { recursive: true });
    const e = new Encrypter();
    if ('passphrase' in opts.encryption) {
      e.setPassphrase(opts.encryption.passphrase);
      e.setScryptWorkFactor(opts.encryption.logN ?? 18);
    } else e.addRecipient(opts.encryption.recipient);
    const push = new PushStream();
    const encrypted = await e.encrypt(push.stream);
    const fh = await (opts.openFile ?? open)(`${file}.partial`, 'w', 0o600);
    const counter = { bytes: 0 };
    const pump = (async (): Promise<void> => {
      try {
        const reader = encrypted.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          await fh.write(value);
          counter.bytes += value.length;
        }
        await fh.sync();
      } finally {
        await fh.close();
      }
    })();
    return new BackupWriter(file, { ...opts, now: opts.now ?? Date.now }, push, pump, counter);
  }

  private async entry(name: string, data: Uint8Array): Promise<void> {
    const failed = (): Error => (this.failure instanceof Error ? this.failure : new Error('the backup file could not be written'));
    if (this.failure) throw failed();
    try {
      await this.push.push(tarHeader(name, data.length, Math.floor(this.opts.now() / 1000)));
      await this.push.push(data);
      await this.push.push(tarPadding(data.length));
    } catch (error) {
      // The file write failed (ENOSPC, ...) and errored the stream: report that, not "stream errored".
      throw this.failure ? failed() : error;
    }
  }

  /** One part of `table`: `rows` NDJSON lines. A table's parts come together, in order. */
  async part(table: string, rows: number, lines: string): Promise<number> {
    if (this.closed) throw new BackupPartError('the backup is already finished');
    if (!lines.endsWith('\n')) throw new BackupPartError('a part must end with a newline');
    let count = 0;
    for (let i = lines.indexOf('\n'); i !== -1; i = lines.indexOf('\n', i + 1)) count++;
    if (count !== rows) throw new BackupPartError(`the part holds ${count} lines, not ${rows}`);
    if (this.current !== table) {
      if (this.tables.has(table)) throw new BackupPartError(`the parts of ${table} must come together`);
      this.tables.set(table, { rows: 0, parts: 0, hash: createHash('sha256') });
      this.current = table;
    }
    const state = this.tables.get(table) as TableState;
    const data = Buffer.from(lines, 'utf8');
    state.parts += 1;
    state.rows += rows;
    state.hash.update(data);
    await this.entry(tablePartName(table, state.parts), data);
    return this.counter.bytes;
  }

  /** Ends the archive with the signed manifest; resolves when the file is complete on disk. */
  async finish(meta: BackupMeta, mainFiles: ReadonlyArray<{ name: string; data: Uint8Array }> = []): Promise<BackupManifest> {
    if (this.closed) throw new BackupPartError('the backup is already finished');
    this.closed = true;
    const files: BackupManifest['files'] = {};
    for (const f of mainFiles) {
      await this.entry(`${MAIN_FILE_PREFIX}${f.name}`, f.data);
      files[`${MAIN_FILE_PREFIX}${f.name}`] = { bytes: f.data.length, sha256: createHash('sha256').update(f.data).digest('hex') };
    }
    const tables: Record<string, TableSummary> = {};
    for (const [name, t] of this.tables) tables[name] = { rows: t.rows, parts: t.parts, sha256: t.hash.digest('hex') };
    const identity = this.opts.key.identity();
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date(this.opts.now()).toISOString(),
      reason: this.opts.reason,
      app: this.opts.app,
      schemaVersion: meta.schemaVersion,
      deviceId: identity.deviceId,
      keyName: identity.keyName,
      publicKey: identity.publicKey,
      fingerprint: identity.fingerprint,
      encryption: 'passphrase' in this.opts.encryption ? 'passphrase' : 'device-key',
      includesPins: this.opts.includesPins,
      tables,
      files,
      sales: { first: meta.firstSale, last: meta.lastSale },
      audit: { entries: meta.auditEntries, headHash: meta.auditHeadHash, checkpoint: meta.lastCheckpoint },
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`, 'utf8');
    await this.entry(MANIFEST_FILE, manifestBytes);
    await this.entry(MANIFEST_SIG_FILE, Buffer.from(this.opts.key.signNote(manifestSigText(manifestBytes)), 'utf8'));
    await this.push.push(tarEnd());
    this.push.close();
    await this.pump;
    await rename(`${this.file}.partial`, this.file);
    return manifest;
  }

  async abort(): Promise<void> {
    this.closed = true;
    if (!this.failure) this.push.error(new Error('backup aborted'));
    await this.pump.catch(() => undefined);
    await rm(`${this.file}.partial`, { force: true });
  }

  get includesPins(): boolean {
    return this.opts.includesPins;
  }

  get written(): number {
    return this.counter.bytes;
  }
}

