import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consistencySpec, leafHash, resolveProof, rootOfLeaves } from '../../shared/domain/merkle';
import type { Hash, NodeId } from '../../shared/domain/merkle';
import { openNote, parseCheckpoint, parseVerifierKey, toBase64 } from '../../shared/domain/signed-note';
import { memorySecrets } from '../../test/fakes/test-core';
import { silentLogger } from '../services/logger';
import { KeyFileSecretStore } from '../web-host/key-file-secrets';
import { CheckpointSigner } from './checkpoint-signer';
import { DeviceKey } from './device-key';
import { Journal } from './journal';
import { readKeyBackup, writeKeyBackup } from './key-backup';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'cs-audit-'));
  dirs.push(d);
  return d;
};

const open = async (dataDir = tempDir(), secrets = memorySecrets(3)) => {
  const key = await DeviceKey.open(secrets, dataDir);
  const journal = Journal.open({ dataDir, device: key.deviceId, logger: silentLogger });
  return { dataDir, key, journal, signer: new CheckpointSigner(dataDir, key, journal), secrets };
};

const leaves = (n: number, salt = 0): Hash[] => Array.from({ length: n }, (_, i) => leafHash(new Uint8Array([i & 0xff, i >> 8, salt])));
const mthOf = (list: Hash[]) => (id: NodeId): Hash => rootOfLeaves(list.slice(id.index * 2 ** id.level, (id.index + 1) * 2 ** id.level));
const request = (list: Hash[], oldSize: number) => ({
  oldSize,
  newSize: list.length,
  rootHash: toBase64(rootOfLeaves(list)),
  proof: resolveProof(consistencySpec(oldSize, list.length), mthOf(list)).map(toBase64),
});

describe('CheckpointSigner', () => {
  it('signs a first checkpoint, then only consistent extensions, as C2SP notes under the device key', async () => {
    const { key, signer, dataDir } = await open();
    const log = leaves(20);
    const first = signer.sign(request(log.slice(0, 7), 0), 'op');
    const second = signer.sign(request(log, 7), 'op');
    const verifier = parseVerifierKey(key.identity().verifierKey)!;
    for (const [c, size] of [[first, 7], [second, 20]] as const) {
      const opened = openNote(c.note, verifier);
      expect(opened.ok).toBe(true);
      expect(parseCheckpoint(opened.ok ? opened.text : '')).toEqual({ origin: `countersign/${key.deviceId}`, size, rootHash: rootOfLeaves(log.slice(0, size)) });
    }
    // Kept outside IndexedDB, and read back by the next main.
    expect(JSON.parse(readFileSync(join(dataDir, 'audit', 'checkpoint.json'), 'utf8'))).toMatchObject({ size: 20 });
    const again = new CheckpointSigner(dataDir, key, Journal.open({ dataDir, device: key.deviceId, logger: silentLogger }));
    expect(again.last()?.note).toBe(second.note);
  });

  it('refuses to sign a tree that is not a consistent extension of its last checkpoint, and journals the refusal', async () => {
    const { signer, journal } = await open();
    const log = leaves(12);
    signer.sign(request(log.slice(0, 8), 0), 'op');
    // An entry rewritten below the signed size: the new tree does not extend the signed one.
    const forged = [...log.slice(0, 3), leafHash(new Uint8Array([99])), ...log.slice(4)];
    expect(() => signer.sign(request(forged, 8), 'op')).toThrow(expect.objectContaining({ code: 'CONFLICT', reason: 'checkpoint-inconsistent' }));
    // An entry deleted and the rest moved up: shorter than signed, or a different tree.
    const deleted = [...log.slice(0, 3), ...log.slice(4)];
    expect(() => signer.sign({ ...request(deleted.slice(0, 7), 0), oldSize: 8 }, 'op')).toThrow(expect.objectContaining({ reason: 'checkpoint-shrunk' }));
    expect(() => signer.sign(request(deleted, 8), 'op')).toThrow(expect.objectContaining({ reason: 'checkpoint-inconsistent' }));
    // The same size with another root, and a proof that belongs to another size.
    expect(() => signer.sign({ ...request(forged.slice(0, 8), 0), oldSize: 8 }, 'op')).toThrow(expect.objectContaining({ reason: 'checkpoint-inconsistent' }));
    expect(() => signer.sign({ ...request(log, 8), proof: request(log, 4).proof }, 'op')).toThrow(expect.objectContaining({ reason: 'checkpoint-inconsistent' }));
    expect(() => signer.sign(request(log, 5), 'op')).toThrow(expect.objectContaining({ reason: 'checkpoint-stale' }));
    expect(signer.last()?.size).toBe(8);
    const refusals = journal.since(0, 100).filter((e) => e.action === 'audit.checkpoint-refused');
    expect(refusals.map((e) => e.detail.reason)).toEqual(['checkpoint-inconsistent', 'checkpoint-shrunk', 'checkpoint-inconsistent', 'checkpoint-inconsistent', 'checkpoint-inconsistent']);
    // The honest extension is still signed.
    expect(signer.sign(request(log, 8), 'op').size).toBe(12);
  });
});

describe('Journal', () => {
  it('appends hash-chained entries, fsynced, read back in order after a restart', async () => {
    const { dataDir, key, journal } = await open();
    journal.append({ actor: 'a', action: 'settings.change', objectType: 'settings', objectId: 'x', result: 'ok', detail: { changes: { 'shop.name': 'A' } } });
    journal.append({ actor: 'a', action: 'lock', objectType: 'operator', objectId: 'a', result: 'ok' });
    journal.close();
    const again = Journal.open({ dataDir, device: key.deviceId, logger: silentLogger });
    expect(again.since(0, 10).map((e) => [e.seq, e.action])).toEqual([
      [1, 'settings.change'],
      [2, 'lock'],
    ]);
    expect(again.since(1, 10).map((e) => e.seq)).toEqual([2]);
    expect(again.since(0, 10)[1]!.prevHash).toBe(again.since(0, 10)[0]!.hash);
  });

  it('keeps an edited journal aside and starts a new one whose first entry says so', async () => {
    const { dataDir, key, journal } = await open();
    journal.append({ actor: 'a', action: 'settings.change', objectType: 'settings', objectId: 'x', result: 'ok' });
    journal.append({ actor: 'a', action: 'void.send', objectType: 'sale', objectId: 's', result: 'ok' });
    journal.close();
    const file = join(dataDir, 'audit', 'journal.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('void.send', 'sale.send'));
    const again = Journal.open({ dataDir, device: key.deviceId, logger: silentLogger });
    const [first] = again.since(0, 10);
    expect(first).toMatchObject({ seq: 1, action: 'journal.damaged', result: 'fail' });
    expect(String(first?.detail.problem)).toMatch(/edited at #2/);
    expect(readFileSync(String(first?.objectId), 'utf8')).toContain('sale.send');
  });
});

describe('device key and key backup', () => {
  it('makes the device key once, keeps its id, and stops when the secret store holds another key', async () => {
    const dataDir = tempDir();
    const secrets = new KeyFileSecretStore(dataDir);
    const a = await DeviceKey.open(secrets, dataDir);
    const b = await DeviceKey.open(secrets, dataDir);
    expect(b.deviceId).toBe(a.deviceId);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(join(dataDir, 'keys', 'device-signing-key.key'), Buffer.alloc(32, 1).toString('base64'));
    await expect(DeviceKey.open(secrets, dataDir)).rejects.toThrow(/not the one recorded/);
  });

  it('writes every secret to an age file under a passphrase, and only that passphrase opens it', async () => {
    const dataDir = tempDir();
    const secrets = new KeyFileSecretStore(dataDir);
    const key = await DeviceKey.open(secrets, dataDir);
    await secrets.getOrCreate('card-fingerprint', 32);
    const result = await writeKeyBackup({ secrets, dataDir, deviceId: key.deviceId, passphrase: 'correct horse battery', logN: 10 });
    expect(result.names).toEqual(['card-fingerprint', 'device-signing-key']);
    const bytes = readFileSync(result.file);
    expect(bytes.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    for (const { value } of await secrets.list()) expect(bytes.includes(Buffer.from(value))).toBe(false);
    const opened = await readKeyBackup(result.file, 'correct horse battery');
    expect(opened.deviceId).toBe(key.deviceId);
    expect(opened.secrets.get('device-signing-key')).toEqual(await secrets.getOrCreate('device-signing-key', 32));
    await expect(readKeyBackup(result.file, 'wrong passphrase!')).rejects.toThrow();
    await expect(writeKeyBackup({ secrets, dataDir, deviceId: key.deviceId, passphrase: 'short' })).rejects.toThrow(/12 characters/);
  });
});
