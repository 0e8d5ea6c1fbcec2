import { ed25519 } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEntry } from '../audit-chain';
import type { ChainEntry } from '../audit-chain';
import { auditLeafHash, deviceKeyName } from '../audit-proof';
import { inclusionSpec, nodeHash, resolveProof, rootOfLeaves } from '../merkle';
import type { Hash, NodeId } from '../merkle';
import { formatCheckpoint, signNote, toBase64 } from '../signed-note';
import { signatureDigest } from './digest';
import type { SignedSaleFields } from './digest';
import { checkSignature } from './signature-check';
import type { SignatureCheckInput } from './signature-check';

const SEED = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const OTHER = hexToBytes('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
const DEVICE = { deviceId: 'dev-1', publicKey: ed25519.getPublicKey(SEED) };
const fields: SignedSaleFields = { saleId: 's1', kind: 'sale', amountFen: 1250, last4: '1232', brand: 'unionpay', merchantId: '898100000000001', terminalId: '10000001', authCode: '123456', rrn: '000000000001', stan: '000001', batch: '000001', createdAt: 1_800_000_000_000 };
const strokes = [[{ x: 1, y: 2, t: 0 }, { x: 3.04, y: 4, t: 16 }]];
const digest = signatureDigest(fields, strokes);

/** A small log where entry #2 records the signing, a checkpoint over `size` entries signed by `seed`, and #2's proof. */
const log = (opts: { size?: number; seed?: Uint8Array; loggedDigest?: string } = {}) => {
  const entries: ChainEntry[] = [];
  let prev = EMPTY_HEAD.hash;
  for (let seq = 1; seq <= 4; seq++) {
    const detail = seq === 2 ? { signatureId: 'sig-1', kind: 'original', digest: opts.loggedDigest ?? digest } : {};
    const e = sealEntry({ seq, id: `e${seq}`, at: '2026-11-23T02:00:00.000Z', actor: 'op', action: seq === 2 ? 'sale.signed' : 'sale.step', objectType: 'sale', objectId: 's1', result: 'ok', device: 'dev-1', detail, prevHash: prev });
    entries.push(e);
    prev = e.hash;
  }
  const size = opts.size ?? 4;
  const leaves = entries.slice(0, size).map((e) => auditLeafHash(e) as Hash);
  const hashOf = (id: NodeId): Hash => (id.level === 0 ? (leaves[id.index] as Hash) : nodeHash(hashOf({ level: id.level - 1, index: 2 * id.index }), hashOf({ level: id.level - 1, index: 2 * id.index + 1 })));
  const name = deviceKeyName('dev-1');
  const note = signNote(formatCheckpoint({ origin: name, size, rootHash: rootOfLeaves(leaves) }), name, opts.seed ?? SEED);
  const entry = entries[1] as ChainEntry;
  const proof = size >= 2 ? { seq: 2, leafIndex: 1, treeSize: size, path: resolveProof(inclusionSpec(1, size), hashOf).map(toBase64) } : null;
  return { entry, proof, checkpointNote: note };
};

const input = (over: Partial<SignatureCheckInput> = {}): SignatureCheckInput => ({
  signature: { id: 'sig-1', strokes, digest, signedFields: fields },
  saleNow: fields,
  audit: log(),
  deviceKey: DEVICE,
  hostResponseCode: '00',
  ...over,
});

const codes = (i: SignatureCheckInput): string[] => checkSignature(i).problems.map((p) => p.code);

describe('checking a signature against its sale (校验签名)', () => {
  it('passes an untouched signature, with its feature code and no remedy', () => {
    const r = checkSignature(input());
    expect(r).toMatchObject({ ok: true, digest, problems: [], remedies: [] });
    expect(r.featureCode).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
  });

  it('names each field changed after signing, with the signed and the current value', () => {
    const r = checkSignature(input({ saleNow: { ...fields, amountFen: 1350, rrn: '000000000002' } }));
    expect(r.problems).toEqual([{ code: 'data-changed', fields: [{ field: 'amountFen', signed: 1250, now: 1350 }, { field: 'rrn', signed: '000000000001', now: '000000000002' }] }]);
    expect(r.remedies).toEqual(['re-sign', 'supplementary-signature', 'register-explanation']);
  });

  it('says a change happened, without naming it, for an older record without the snapshot', () => {
    expect(checkSignature(input({ signature: { id: 'sig-1', strokes, digest, signedFields: null }, saleNow: { ...fields, amountFen: 1 } })).problems).toEqual([{ code: 'data-changed', fields: [] }]);
    expect(codes(input({ signature: { id: 'sig-1', strokes, digest, signedFields: null } }))).toEqual([]);
  });

  it('reports a missing record, missing strokes and a record that does not add up', () => {
    expect(codes(input({ signature: null }))).toEqual(['record-missing']);
    expect(codes(input({ signature: { id: 'sig-1', strokes: null, digest, signedFields: fields } }))).toEqual(['strokes-missing']);
    expect(codes(input({ signature: { id: 'sig-1', strokes: [[{ x: 9, y: 9, t: 0 }]], digest, signedFields: fields } }))).toEqual(['record-damaged']);
    expect(checkSignature(input({ signature: { id: 'sig-1', strokes, digest: null, signedFields: fields } })).problems).toContainEqual({ code: 'record-damaged', reason: 'no-digest' });
    expect(checkSignature(input({ audit: log({ loggedDigest: 'f'.repeat(64) }) })).problems).toEqual([{ code: 'record-damaged', reason: 'not-as-logged' }]);
  });

  it('reports the signing’s audit entry missing, edited, after the last checkpoint, or not in its tree', () => {
    expect(codes(input({ audit: { entry: null, proof: null, checkpointNote: null } }))).toEqual(['audit-missing']);
    const audit = log();
    expect(codes(input({ audit: { ...audit, entry: { ...audit.entry, actor: 'x' } } }))).toEqual(['audit-damaged']);
    expect(checkSignature(input({ audit: log({ size: 1 }) })).problems).toEqual([{ code: 'audit-not-checkpointed', reason: 'pending' }]);
    expect(checkSignature(input({ audit: { ...audit, checkpointNote: null } })).problems).toEqual([{ code: 'audit-not-checkpointed', reason: 'no-checkpoint' }]);
    expect(checkSignature(input({ audit: { ...audit, proof: audit.proof && { ...audit.proof, path: audit.proof.path.slice(1) } } })).problems).toEqual([{ code: 'audit-not-checkpointed', reason: 'not-in-tree' }]);
  });

  it('reports a checkpoint signed by a key that is not this device’s', () => {
    expect(codes(input({ audit: log({ seed: OTHER }) }))).toEqual(['checkpoint-foreign-key']);
  });

  it('reports the host’s MAC rejection (A0) with sign-on as the remedy', () => {
    const r = checkSignature(input({ hostResponseCode: 'a0' }));
    expect(r.problems).toEqual([{ code: 'host-mac-rejected', responseCode: 'A0' }]);
    expect(r.remedies).toEqual(['sign-on-again']);
  });
});
