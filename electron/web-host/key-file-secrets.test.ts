import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretStoreError } from '../services/platform';
import { KeyFileSecretStore } from './key-file-secrets';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('KeyFileSecretStore', () => {
  it('makes a key once and hands the same one back', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cs-keys-'));
    dirs.push(d);
    const store = new KeyFileSecretStore(d);
    const a = await store.getOrCreate('offline-seal', 32);
    expect(await new KeyFileSecretStore(d).getOrCreate('offline-seal', 32)).toEqual(a);
    expect((await store.list()).map((s) => s.name)).toEqual(['offline-seal']);
  });

  it.each([
    ['the wrong length', Buffer.alloc(31, 7).toString('base64'), /expected 32 bytes, found 31/],
    ['bad encoding', 'not*base64!!', /not base64/],
    ['an empty file', '', /not base64/],
  ])('stops with a clear message on a key file with %s, and keeps the file as it was', async (_what, content, message) => {
    const d = mkdtempSync(join(tmpdir(), 'cs-keys-'));
    dirs.push(d);
    const store = new KeyFileSecretStore(d);
    await store.getOrCreate('offline-seal', 32);
    const file = join(d, 'keys', 'offline-seal.key');
    writeFileSync(file, content);
    const error = await store.getOrCreate('offline-seal', 32).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe(content);
    // The backup refuses a file it cannot decode rather than leave a key out.
    if (!/^[A-Za-z0-9+/]+=*$/.test(content)) await expect(store.list()).rejects.toBeInstanceOf(SecretStoreError);
  });
});
