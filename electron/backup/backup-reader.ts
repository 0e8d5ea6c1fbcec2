import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { BACKUP_FORMAT, BackupManifest, MAIN_FILE_PREFIX, MANIFEST_FILE, MANIFEST_SIG_FILE, checkManifestSignature, parseTablePart } from '../../shared/domain/backup/manifest';
import { TarFormatError, TarReader } from '../../shared/domain/backup/tar';
import { BackupFileError, ageRecipientType } from './backup-errors';

/**
 * Reads a backup file as a stream (never the whole file in memory): age decryption, the tar
 * entries, each table's SHA-256 and row count kept as its parts pass, and at the end the
 * manifest checked against all of it and its signature checked under the key it names. Whether
 * that key is this device's is the caller's question (restore: foreign or a new PC).
 */
export interface BackupSecrets {
  passphrase?: string | undefined;
  identities?: readonly string[];
}

export interface ReadPart {
  table: string;
  lines: string;
}

interface Running {
  rows: number;
  parts: number;
  hash: ReturnType<typeof createHash>;
}

const damaged = (why: string): BackupFileError => new BackupFileError('damaged', `the backup is damaged: ${why}`);

export class BackupReader {
  readonly id = randomBytes(16).toString('hex');
  private readonly tar = new TarReader();
  private readonly tables = new Map<string, Running>();
  private readonly files = new Map<string, { bytes: number; sha256: string }>();
  private current: string | null = null;
  private manifestBytes: Uint8Array | null = null;
  private sig: string | null = null;
  private pending: ReadPart[] = [];
  private finished: BackupManifest | null = null;
  private ended = false;

  private constructor(
    readonly file: string,
    readonly totalBytes: number,
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly counter: { bytes: number },
  ) {}

  static async open(file: string, secrets: BackupSecrets): Promise<BackupReader> {
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      throw new BackupFileError('not-found', `no backup file at ${file}`);
    }
    const head = new Uint8Array(256);
    const fh = await open(file, 'r');
    try {
      await fh.read(head, 0, 256, 0);
    } finally {
      await fh.close();
    }
    const type = ageRecipientType(head);
    if (!type) throw new BackupFileError('not-a-backup', 'the file is not an age-encrypted backup');
    const { Decrypter } = await import('age-encryption');
    const d = new Decrypter();
    if (type === 'scrypt') {
      if (!secrets.passphrase) throw new BackupFileError('wrong-key', 'this backup is protected by a passphrase');
      d.addPassphrase(secrets.passphrase);
    } else for (const identity of secrets.identities ?? []) d.addIdentity(identity);
    const counter = { bytes: 0 };
    const source = Readable.toWeb(createReadStream(file, { highWaterMark: 256 * 1024 })) as ReadableStream<Uint8Array>;
    const counted = source.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, c) {
          counter.bytes += chunk.length;
          c.enqueue(chunk);
        },
      }),
    );
    let plain: ReadableStream<Uint8Array>;
    try {
      plain = await d.decrypt(counted);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/no identity matched|incorrect passphrase|passphrase/i.test(message)) throw new BackupFileError('wrong-key', type === 'scrypt' ? 'the passphrase does not open this backup' : "this device's backup key does not open this backup");
      throw damaged(message);
    }
    return new BackupReader(file, size, plain.getReader(), counter);
  }

  get bytesRead(): number {
    return this.counter.bytes;
  }

  private take(name: string, data: Uint8Array): void {
    if (this.manifestBytes && name !== MANIFEST_SIG_FILE) throw damaged(`${name} follows the manifest`);
    const part = parseTablePart(name);
    if (part) {
      if (this.current !== part.table) {
        if (this.tables.has(part.table)) throw damaged(`the parts of ${part.table} are not together`);
        this.tables.set(part.table, { rows: 0, parts: 0, hash: createHash('sha256') });
        this.current = part.table;
      }
      const t = this.tables.get(part.table) as Running;
      if (part.part !== t.parts + 1) throw damaged(`part ${part.part} of ${part.table} is out of order`);
      t.parts += 1;
      t.hash.update(data);
      let rows = 0;
      for (const b of data) if (b === 10) rows++;
      t.rows += rows;
      this.pending.push({ table: part.table, lines: new TextDecoder('utf-8', { fatal: true }).decode(data) });
      return;
    }
    if (name.startsWith(MAIN_FILE_PREFIX)) {
      this.files.set(name, { bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
      return;
    }
    if (name === MANIFEST_FILE) {
      this.manifestBytes = data;
      return;
    }
    if (name === MANIFEST_SIG_FILE && this.manifestBytes) {
      this.sig = new TextDecoder().decode(data);
      return;
    }
    throw damaged(`unexpected entry ${name}`);
  }

  /** Checks the manifest against everything read; the verified manifest. */
  private conclude(): BackupManifest {
    if (!this.tar.complete()) throw damaged('the archive does not end where it should (cut short?)');
    if (!this.manifestBytes || this.sig === null) throw damaged('the manifest or its signature is missing');
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(this.manifestBytes));
    } catch {
      throw damaged('the manifest is not JSON');
    }
    const format = (json as { format?: unknown } | null)?.format;
    if (typeof format === 'string' && format !== BACKUP_FORMAT) throw new BackupFileError('newer-format', `the backup is in format ${format.slice(0, 60)}, which this version cannot read`);
    const parsed = BackupManifest.safeParse(json);
    if (!parsed.success) throw damaged('the manifest does not have the expected fields');
    const manifest = parsed.data;
    const problem = checkManifestSignature(this.manifestBytes, manifest, this.sig);
    if (problem) throw damaged(`the manifest signature does not verify (${problem})`);
    const names = new Set([...Object.keys(manifest.tables), ...this.tables.keys()]);
    for (const name of names) {
      const want = manifest.tables[name];
      const got = this.tables.get(name);
      if (!want || !got) throw damaged(`table ${name} is ${want ? 'missing from the file' : 'not in the manifest'}`);
      const sha = got.hash.digest('hex');
      if (sha !== want.sha256) throw damaged(`table ${name} does not match its SHA-256 in the manifest`);
      if (got.rows !== want.rows || got.parts !== want.parts) throw damaged(`table ${name} holds ${got.rows} rows, the manifest says ${want.rows}`);
    }
    for (const [name, want] of Object.entries(manifest.files)) {
      const got = this.files.get(name);
      if (!got || got.sha256 !== want.sha256) throw damaged(`${name} does not match the manifest`);
    }
    if (this.files.size !== Object.keys(manifest.files).length) throw damaged('a file is not in the manifest');
    return manifest;
  }

  /**
   * Reads on until about `budget` characters of parts are ready or the file ends. `manifest` is
   * set once the whole file has been read and checked; a problem throws BackupFileError.
   */
  async next(budget = 1_000_000): Promise<{ parts: ReadPart[]; done: boolean; manifest: BackupManifest | null }> {
    const size = (): number => this.pending.reduce((n, p) => n + p.lines.length, 0);
    while (!this.ended && size() < budget) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await this.reader.read();
      } catch (error) {
        throw damaged(error instanceof Error ? error.message : String(error));
      }
      if (chunk.done) {
        this.ended = true;
        break;
      }
      try {
        for (const entry of this.tar.push(chunk.value)) this.take(entry.name, entry.data);
      } catch (error) {
        if (error instanceof TarFormatError) throw damaged(error.message);
        if (error instanceof TypeError) throw damaged('a part is not UTF-8 text');
        throw error;
      }
    }
    const parts = this.pending;
    this.pending = [];
    if (this.ended && !this.finished) this.finished = this.conclude();
    return { parts, done: this.ended, manifest: this.ended ? this.finished : null };
  }

  /** Reads the whole file, keeping nothing but the checks (the read-back after writing). */
  async verifyAll(): Promise<BackupManifest> {
    for (;;) {
      const r = await this.next(4_000_000);
      if (r.done && r.manifest) return r.manifest;
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}
