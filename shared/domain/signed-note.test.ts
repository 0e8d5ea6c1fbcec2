import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { formatCheckpoint, fromBase64, keyHash, openNote, parseCheckpoint, parseVerifierKey, signNote, verifierKey } from './signed-note';

/** RFC 8032 §7.1, tests 1-3: secret key, public key, message, signature. */
const RFC8032 = [
  {
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    public: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

/** golang.org/x/mod/sumdb/note note_test.go: the PeterNeumann key and its signed note. */
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;
const GO_ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const goSeed = (): Uint8Array => fromBase64(GO_SKEY.split('+').slice(4).join('+'))!.slice(1);

describe('Ed25519 (RFC 8032 §7.1)', () => {
  it.each(RFC8032.map((v, i) => [i + 1, v] as const))('test %i: public key and signature byte for byte', (_n, v) => {
    const secret = hexToBytes(v.secret);
    expect(bytesToHex(ed25519.getPublicKey(secret))).toBe(v.public);
    expect(bytesToHex(ed25519.sign(hexToBytes(v.message), secret))).toBe(v.signature);
    expect(ed25519.verify(hexToBytes(v.signature), hexToBytes(v.message), hexToBytes(v.public))).toBe(true);
  });
});

describe('C2SP signed note', () => {
  it('derives the published verifier key and key hash from the published private key', () => {
    const seed = goSeed();
    expect(seed).toHaveLength(32);
    const pub = ed25519.getPublicKey(seed);
    expect(verifierKey('PeterNeumann', pub)).toBe(GO_VKEY);
    expect(keyHash('PeterNeumann', pub)).toBe(0xc74f20a3);
  });

  it('signs the published note byte for byte', () => {
    expect(signNote(GO_TEXT, 'PeterNeumann', goSeed())).toBe(GO_NOTE);
  });

  it('opens the published note with the published key, and ignores another key’s signature line', () => {
    const v = parseVerifierKey(GO_VKEY)!;
    expect(openNote(GO_NOTE, v)).toEqual({ ok: true, text: GO_TEXT });
    expect(openNote(`${GO_NOTE}${GO_ENOCH_SIG}`, v)).toEqual({ ok: true, text: GO_TEXT });
    const enoch = parseVerifierKey('EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop')!;
    expect(openNote(`${GO_TEXT}\n${GO_ENOCH_SIG}`, enoch)).toEqual({ ok: true, text: GO_TEXT });
  });

  it('refuses an edited text, a wrong key, a mangled verifier key and a malformed note', () => {
    const v = parseVerifierKey(GO_VKEY)!;
    expect(openNote(GO_NOTE.replace('problem,', 'problem;'), v)).toMatchObject({ ok: false, problem: 'bad-signature' });
    expect(openNote(GO_NOTE, { name: 'PeterNeumann', publicKey: ed25519.getPublicKey(new Uint8Array(32)) })).toMatchObject({ ok: false, problem: 'unknown-key' });
    expect(openNote(GO_TEXT, v)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(openNote(GO_NOTE.replace('— ', '- '), v)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(parseVerifierKey(GO_VKEY.replace('c74f20a3', 'c74f20a4'))).toBeNull();
    expect(parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toBeNull();
    expect(parseVerifierKey(GO_VKEY.slice(0, -2))).toBeNull();
    expect(() => signNote('no newline', 'k', goSeed())).toThrow();
    expect(() => signNote('a\n', 'bad name', goSeed())).toThrow();
  });
});

describe('C2SP tlog-checkpoint', () => {
  const root = hexToBytes('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');

  it('formats origin, size and base64 root, one per line, and parses them back', () => {
    const text = formatCheckpoint({ origin: 'countersign/0190a1b2-0000-7000-8000-000000000000', size: 8, rootHash: root });
    expect(text).toBe('countersign/0190a1b2-0000-7000-8000-000000000000\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n');
    expect(parseCheckpoint(text)).toEqual({ origin: 'countersign/0190a1b2-0000-7000-8000-000000000000', size: 8, rootHash: root });
    expect(parseCheckpoint(`${text}extension line\n`)?.size).toBe(8);
  });

  it('refuses leading zeros, a short root, missing lines', () => {
    expect(parseCheckpoint('o\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n')).toBeNull();
    expect(parseCheckpoint('o\n8\nXcnaeacG\n')).toBeNull();
    expect(parseCheckpoint('o\n8\n')).toBeNull();
  });

  it('signs and opens a checkpoint as a note under the device key', () => {
    const seed = hexToBytes(RFC8032[0]!.secret);
    const name = 'countersign/dev-1';
    const note = signNote(formatCheckpoint({ origin: name, size: 8, rootHash: root }), name, seed);
    const opened = openNote(note, { name, publicKey: ed25519.getPublicKey(seed) });
    expect(opened.ok && parseCheckpoint(opened.text)?.size).toBe(8);
  });
});
