import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { CardDataHit } from '../../shared/domain/card/pan-scan';
import { CardDataScanner } from '../../shared/domain/card/pan-scan';

/**
 * A ZIP written as a stream to a file, one entry at a time, with the file stream's
 * backpressure honoured, so memory stays bounded whatever the bundle's size. fflate writes the
 * ZIP (it is already in the tree through pdfkit, has no dependencies, and its streaming
 * `Zip` works the same in Node and the browser, where the verifier reads bundles). Every entry
 * is hashed (SHA-256, for the manifests) and scanned for card data as it passes; a hit stops
 * the export (the caller deletes the partial file).
 */
export interface EntryDigest {
  path: string;
  sha256: string;
  size: number;
}

export class CardDataFound extends Error {
  constructor(
    readonly file: string,
    readonly hit: CardDataHit,
  ) {
    super(`${file} contains ${hit.kind === 'track' ? 'track data' : 'a card number'} ending ${hit.last4}`);
    this.name = 'CardDataFound';
  }
}

/** Files that are compressed already gain nothing from deflate: stored as they are. */
const STORED = /\.(png|pdf|zip|jpe?g)$/i;
const CHUNK = 64 * 1024;

export class ZipSink {
  private readonly out: WriteStream;
  private readonly zip: Zip;
  private failure: Error | null = null;
  private bytes = 0;
  private closed: Promise<void>;

  constructor(
    path: string,
    private readonly mtime: Date,
    private readonly allow: readonly string[],
  ) {
    this.out = createWriteStream(path, { mode: 0o600 });
    this.closed = new Promise((resolve, reject) => {
      this.out.on('close', resolve);
      this.out.on('error', (e) => {
        this.failure = e;
        reject(e);
      });
    });
    // The promise is awaited in close(); this only keeps an early error from going unhandled meanwhile.
    this.closed.catch(() => undefined);
    this.zip = new Zip((err, data, final) => {
      if (err) this.failure = err;
      else {
        this.bytes += data.length;
        this.out.write(data);
      }
      if (final) this.out.end();
    });
  }

  get written(): number {
    return this.bytes;
  }

  private async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.out.writableNeedDrain) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }

  /**
   * Adds one entry. Bytes in memory are scanned whole before any of them reaches the ZIP;
   * chunks (files the export itself wrote to its temp folder from scanned content) are scanned
   * as they pass, and a hit stops the export there.
   */
  async add(path: string, content: Uint8Array | AsyncIterable<Uint8Array>): Promise<EntryDigest> {
    const scanner = new CardDataScanner({ allow: this.allow });
    const check = (final: boolean): void => {
      const hit = final ? scanner.finish()[0] : scanner.found ? scanner.finish()[0] : undefined;
      if (hit) throw new CardDataFound(path, hit);
    };
    if (content instanceof Uint8Array) {
      scanner.push(content);
      check(true);
    }
    const file = STORED.test(path) ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 1 });
    file.mtime = this.mtime;
    this.zip.add(file);
    const hash = sha256.create();
    let size = 0;
    const push = async (chunk: Uint8Array): Promise<void> => {
      hash.update(chunk);
      size += chunk.length;
      file.push(chunk, false);
      await this.drain();
    };
    if (content instanceof Uint8Array) {
      for (let at = 0; at < content.length; at += CHUNK) await push(content.subarray(at, at + CHUNK));
    } else {
      for await (const chunk of content) {
        scanner.push(chunk);
        check(false);
        await push(chunk);
      }
      check(true);
    }
    file.push(new Uint8Array(0), true);
    await this.drain();
    return { path, sha256: bytesToHex(hash.digest()), size };
  }

  async close(): Promise<number> {
    this.zip.end();
    await this.closed;
    if (this.failure) throw this.failure;
    return this.bytes;
  }

  /** Stops writing; the caller removes the file. */
  abort(): void {
    this.zip.terminate();
    this.out.destroy();
  }
}
