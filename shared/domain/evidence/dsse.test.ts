import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { sha256Hex, utf8ToBytes } from '../hash';
import { IN_TOTO_PAYLOAD_TYPE, decodeBase64, keyFingerprint, openEnvelope, pae, signEnvelope } from './dsse';
import type { EvidenceSigner } from './dsse';

/**
 * DSSE v1 against the specification's own example (protocol.md) and the Ed25519 test vectors
 * published with it (testvectors/vectors.json, key "A" is RFC 8032's test key 1). Ed25519 is
 * deterministic, so the signature must come out byte for byte.
 */
const SEED_A = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const PUBLIC_A = hexToBytes('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
const signerA: EvidenceSigner = { publicKey: PUBLIC_A, sign: (m) => Promise.resolve(ed25519.sign(m, SEED_A)) };
const STATEMENT = '{"_type":"https://in-toto.io/Statement/v1"}';
const VECTOR_SIG = '2WAfaHm5jluo0w+0rk8uVkluELJYWjSmU9x7EUzx+AyteDGJ4/nqyJXfmAUVFIAoQafWm7AxBZNw5M9ixNHiCA==';

describe('DSSE pre-authentication encoding', () => {
  it('is the specification’s example byte for byte', () => {
    expect(new TextDecoder().decode(pae('http://example.com/HelloWorld', utf8ToBytes('hello world')))).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('matches the published vectors: in-toto type, byte lengths of a non-ASCII type, an empty body', () => {
    expect(bytesToHex(pae(IN_TOTO_PAYLOAD_TYPE, utf8ToBytes(STATEMENT)))).toBe(
      '445353457631203238206170706c69636174696f6e2f766e642e696e2d746f746f2b6a736f6e203433207b225f74797065223a2268747470733a2f2f696e2d746f746f2e696f2f53746174656d656e742f7631227d',
    );
    expect(bytesToHex(pae('application/vnd.exämple+json', utf8ToBytes(STATEMENT)))).toBe(
      '445353457631203239206170706c69636174696f6e2f766e642e6578c3a46d706c652b6a736f6e203433207b225f74797065223a2268747470733a2f2f696e2d746f746f2e696f2f53746174656d656e742f7631227d',
    );
    expect(bytesToHex(pae(IN_TOTO_PAYLOAD_TYPE, new Uint8Array(0)))).toBe('445353457631203238206170706c69636174696f6e2f766e642e696e2d746f746f2b6a736f6e203020');
  });
});

describe('DSSE envelopes with Ed25519', () => {
  it('signs the vector statement to the published signature, keyid = SHA-256 of the raw key', async () => {
    const envelope = await signEnvelope(IN_TOTO_PAYLOAD_TYPE, utf8ToBytes(STATEMENT), signerA);
    expect(envelope).toEqual({ payloadType: IN_TOTO_PAYLOAD_TYPE, payload: 'eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEifQ==', signatures: [{ keyid: sha256Hex(PUBLIC_A), sig: VECTOR_SIG }] });
    expect(keyFingerprint(PUBLIC_A)).toBe(sha256Hex(PUBLIC_A));
    expect(openEnvelope(envelope, PUBLIC_A)).toEqual({ ok: true, body: utf8ToBytes(STATEMENT) });
  });

  it('accepts URL-safe base64 (the url-safe-base64 vector)', () => {
    const envelope = { payload: '-_-_Pj8=', payloadType: IN_TOTO_PAYLOAD_TYPE, signatures: [{ sig: 'P-_KHICeR7tI6S_YyejJTRtrXhcQyQ2LYPaL8h90KjC9qN8HU_svOQ6TuDOT1HIrsGW886DbWNWcCmX5twLrAw==', keyid: 'A' }] };
    expect(openEnvelope(envelope, PUBLIC_A)).toMatchObject({ ok: true, body: hexToBytes('fbffbf3e3f') });
    expect(decodeBase64('-_-_Pj8')).toEqual(hexToBytes('fbffbf3e3f'));
  });

  it('refuses a swapped payload type, a flipped signature bit, another key and a malformed envelope', () => {
    const good = { payload: 'eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEifQ==', payloadType: IN_TOTO_PAYLOAD_TYPE, signatures: [{ sig: VECTOR_SIG, keyid: 'A' }] };
    expect(openEnvelope({ ...good, payloadType: 'application/vnd.example.other+json' }, PUBLIC_A)).toMatchObject({ ok: false, problem: 'bad-signature' });
    const flipped = Uint8Array.from(atob(VECTOR_SIG), (c) => c.charCodeAt(0));
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(openEnvelope({ ...good, signatures: [{ sig: btoa(String.fromCharCode(...flipped)) }] }, PUBLIC_A)).toMatchObject({ ok: false, problem: 'bad-signature' });
    expect(openEnvelope(good, ed25519.getPublicKey(hexToBytes('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb')))).toMatchObject({ ok: false, problem: 'bad-signature' });
    expect(openEnvelope({ payload: 1 }, PUBLIC_A)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(openEnvelope({ ...good, signatures: [] }, PUBLIC_A)).toMatchObject({ ok: false, problem: 'no-signature' });
  });
});
