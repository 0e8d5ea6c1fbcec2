import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/domain/hash';
import { AttachmentSpool } from './attachment-spool';

let dir = '';
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'spool-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const bytes = new TextEncoder().encode('a letter from the customer');

describe('attachment parts of an export', () => {
  it('takes parts in order and gives the whole attachment back once, checked, deleting its file', async () => {
    const spool = new AttachmentSpool(dir);
    expect(await spool.append('att-1', 0, bytes.subarray(0, 10))).toBe(10);
    expect(await spool.append('att-1', 10, bytes.subarray(10))).toBe(bytes.length);
    expect(await spool.take('att-1', bytes.length, sha256Hex(bytes))).toEqual(bytes);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a part out of order, a size or digest that does not add up, and an attachment never sent', async () => {
    const spool = new AttachmentSpool(dir);
    await expect(spool.append('att-1', 5, bytes)).rejects.toMatchObject({ problem: 'invalid-input' });
    await spool.append('att-1', 0, bytes);
    await expect(spool.take('att-1', bytes.length + 1, sha256Hex(bytes))).rejects.toMatchObject({ problem: 'invalid-input' });
    await expect(spool.take('att-1', bytes.length, '0'.repeat(64))).rejects.toMatchObject({ problem: 'invalid-input', message: expect.stringContaining('SHA-256') as unknown });
    await expect(spool.take('att-2', 3, sha256Hex('abc'))).rejects.toMatchObject({ problem: 'invalid-input' });
    expect(existsSync(join(dir, 'att-1.part'))).toBe(false);
  });

  it('an empty attachment needs no part', async () => {
    expect(await new AttachmentSpool(dir).take('att-0', 0, sha256Hex(new Uint8Array(0)))).toEqual(new Uint8Array(0));
  });
});
