import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Memory-only rule (RULES 1): search everything the console could have written for a sentinel
 * card's PAN or track data. Reused by the card-reader, sale and e2e tests. The e2e scans
 * (test/e2e/helpers.ts `cardDataHits`) pass the data folder (settings, journal, keys, logs),
 * the browser profile folder (IndexedDB's LevelDB files, Session Storage, Local Storage,
 * Chromium's crash reports) in `dirs`, IndexedDB dumped to text and the recording of every
 * WebSocket message in `extraTexts`.
 *
 * Each needle is searched as UTF-8 bytes, as UTF-16LE bytes (Chromium's LevelDB and Windows
 * tools store strings that way) and as hex of its UTF-8 bytes (a report dumped in a log), in
 * every file under `dataDir` (recursively, as raw bytes) and in every given text.
 * Returns one line per hit, naming where and how; an empty array means clean.
 */
export interface SentinelScan {
  dataDir?: string;
  /** More folders to search the same way (the browser profile, crash output). */
  dirs?: string[];
  logs?: string[];
  extraTexts?: string[];
  needles: string[];
}

interface Variant {
  encoding: string;
  bytes: Buffer;
}

const variantsOf = (needle: string): Variant[] => {
  const utf8 = Buffer.from(needle, 'utf8');
  const hex = utf8.toString('hex');
  const variants = [
    { encoding: 'utf8', bytes: utf8 },
    { encoding: 'utf16le', bytes: Buffer.from(needle, 'utf16le') },
    { encoding: 'hex', bytes: Buffer.from(hex, 'latin1') },
  ];
  // Digits hex-encode to digits ("31" for '1'), so upper case only adds a variant when letters appear.
  if (hex.toUpperCase() !== hex) variants.push({ encoding: 'HEX', bytes: Buffer.from(hex.toUpperCase(), 'latin1') });
  return variants;
};

/** Names a needle without repeating it in test output: length and last four. */
const label = (needle: string): string => `needle[${needle.length} chars …${needle.slice(-4)}]`;

const filesUnder = (dir: string): string[] => {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(d, name);
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (!stat || stat.isSymbolicLink()) continue;
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) out.push(path);
    }
  };
  walk(dir);
  return out;
};

export const findSentinel = (opts: SentinelScan): string[] => {
  const needles = opts.needles.filter((n) => n.length > 0);
  if (needles.length !== opts.needles.length) throw new Error('findSentinel: empty needle');
  const table = needles.map((needle) => ({ needle, variants: variantsOf(needle) }));
  const hits: string[] = [];
  const scan = (where: string, haystack: Buffer): void => {
    for (const { needle, variants } of table) {
      for (const v of variants) if (haystack.indexOf(v.bytes) >= 0) hits.push(`${where}: ${label(needle)} as ${v.encoding}`);
    }
  };
  for (const dir of [...(opts.dataDir ? [opts.dataDir] : []), ...(opts.dirs ?? [])]) {
    for (const file of filesUnder(dir)) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        // A file Chromium holds open or removed meanwhile: gone files hold nothing, others must be read.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        hits.push(`file ${relative(dir, file)}: unreadable, cannot be cleared`);
        continue;
      }
      scan(`file ${relative(dir, file)}`, bytes);
    }
  }
  (opts.logs ?? []).forEach((text, i) => scan(`logs[${i}]`, Buffer.from(text, 'utf8')));
  (opts.extraTexts ?? []).forEach((text, i) => scan(`extraTexts[${i}]`, Buffer.from(text, 'utf8')));
  return hits;
};
