import { readZipDirectory, zipEntryChunks } from './zip-reader';
import type { RandomAccess, ZipEntry } from './zip-reader';

/**
 * What the verifier reads a bundle through: its file names and each file's bytes in chunks.
 * The ZIP implementation below serves the CLI (a file handle) and the in-app screen (a Blob)
 * alike; tests may serve a plain map of files.
 */
export interface BundleReader {
  /** File paths in the bundle (no directory entries), as stored. */
  readonly names: readonly string[];
  /** Names the archive holds more than once (a ZIP can; a bag cannot). */
  readonly duplicates?: readonly string[];
  chunks(name: string): AsyncIterable<Uint8Array>;
}

export const readAll = async (reader: BundleReader, name: string): Promise<Uint8Array> => {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of reader.chunks(name)) {
    parts.push(chunk);
    size += chunk.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

export const readText = async (reader: BundleReader, name: string): Promise<string> => new TextDecoder('utf-8').decode(await readAll(reader, name));

/** Opens a ZIP as a bundle. Throws ZipFormatError when it is not a readable ZIP. */
export const openZipBundle = async (src: RandomAccess): Promise<BundleReader> => {
  const entries = (await readZipDirectory(src)).filter((e) => !e.name.endsWith('/'));
  const byName = new Map<string, ZipEntry>();
  const duplicates: string[] = [];
  for (const e of entries) {
    if (byName.has(e.name)) duplicates.push(e.name);
    byName.set(e.name, e);
  }
  return {
    names: [...byName.keys()],
    duplicates,
    chunks: (name) => {
      const entry = byName.get(name);
      if (!entry) throw new RangeError(`no ${name} in the bundle`);
      return zipEntryChunks(src, entry);
    },
  };
};

/** A bundle held as a map of files (tests, generated fixtures). */
export const mapBundle = (files: ReadonlyMap<string, Uint8Array>): BundleReader => ({
  names: [...files.keys()],
  chunks: async function* (name) {
    const bytes = files.get(name);
    if (!bytes) throw new RangeError(`no ${name} in the bundle`);
    yield await Promise.resolve(bytes);
  },
});
