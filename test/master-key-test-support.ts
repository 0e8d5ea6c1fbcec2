import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findSentinel } from './card-sentinel';

/** Shared by the master-key, link and module tests and the e2e spec (test support: never shipped). */

/** Made-up double-length keys: not the test key, not weak. Never a production key. */
export const SAMPLE_TMK_HEX = '3D8F1A6C0B7E5294C1F6A83E7D2B9045';
export const OTHER_TMK_HEX = '5E27C4A19B3D6F08E4A7D1C29F6B3850';
export const tmkBytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/[\s-]/g, ''), 'hex'));

/**
 * Where a key shows up under `dataDir` or in the given texts: as hex (either case, UTF-8 or
 * UTF-16), as base64, and as its raw bytes. Empty means clean. Names the key by length only.
 */
export const findKey = (key: Uint8Array, where: { dataDir?: string; texts?: string[] }): string[] => {
  const hex = Buffer.from(key).toString('hex');
  const textual = findSentinel({
    needles: [hex, hex.toUpperCase(), Buffer.from(key).toString('base64')],
    ...(where.dataDir ? { dataDir: where.dataDir } : {}),
    ...(where.texts ? { extraTexts: where.texts } : {}),
  });
  const raw: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (!stat || stat.isSymbolicLink()) continue;
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile() && readFileSync(path).indexOf(Buffer.from(key)) >= 0) raw.push(`file ${relative(where.dataDir ?? dir, path)}: ${key.length}-byte key as raw bytes`);
    }
  };
  if (where.dataDir) walk(where.dataDir);
  return [...textual, ...raw];
};
