import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256Hex, utf8ToBytes } from '../hash';
import { toBase64 } from '../signed-note';

/**
 * DSSE, the Dead Simple Signing Envelope (github.com/secure-systems-lab/dsse, protocol v1):
 * the signature is over PAE(payloadType, payload), never over the JSON around it, so the
 * envelope's formatting cannot change what was signed. Ed25519 only; `keyid` is the hex
 * SHA-256 of the raw 32-byte public key (the fingerprint a shop gives its bank), a hint
 * that is never trusted on its own.
 */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface DsseSignature {
  keyid: string;
  sig: string;
}

export interface DsseEnvelope {
  payloadType: string;
  /** Base64 of the serialized body. */
  payload: string;
  signatures: DsseSignature[];
}

/** What signs evidence: main's device key in the app, a fixed test key in tests. */
export interface EvidenceSigner {
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** Hex SHA-256 of the raw public key: the DSSE keyid and the fingerprint shown to people. */
export const keyFingerprint = (publicKey: Uint8Array): string => sha256Hex(publicKey);

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes. */
export const pae = (payloadType: string, body: Uint8Array): Uint8Array => {
  const type = utf8ToBytes(payloadType);
  return concat([utf8ToBytes(`DSSEv1 ${type.length} `), type, utf8ToBytes(` ${body.length} `), body]);
};

export const signEnvelope = async (payloadType: string, body: Uint8Array, signer: EvidenceSigner): Promise<DsseEnvelope> => {
  const sig = await signer.sign(pae(payloadType, body));
  return { payloadType, payload: toBase64(body), signatures: [{ keyid: keyFingerprint(signer.publicKey), sig: toBase64(sig) }] };
};

/** Standard or URL-safe base64, padded or not (DSSE verifiers must accept either); null when it is neither. */
export const decodeBase64 = (text: string): Uint8Array | null => {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) return null;
  const std = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (std.length % 4 === 1) return null;
  try {
    return Uint8Array.from(atob(std + '='.repeat((4 - (std.length % 4)) % 4)), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
};

export type EnvelopeProblem = 'malformed' | 'payload-type' | 'no-signature' | 'bad-signature';

export type OpenedEnvelope = { ok: true; body: Uint8Array } | { ok: false; problem: EnvelopeProblem; detail: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Verifies an envelope (as parsed JSON) with one Ed25519 public key: at least one signature
 * must verify over the PAE, and the payload type must be the one expected.
 */
export const openEnvelope = (envelope: unknown, publicKey: Uint8Array, expectedType: string = IN_TOTO_PAYLOAD_TYPE): OpenedEnvelope => {
  if (!isRecord(envelope) || typeof envelope.payloadType !== 'string' || typeof envelope.payload !== 'string' || !Array.isArray(envelope.signatures)) {
    return { ok: false, problem: 'malformed', detail: 'the envelope needs payloadType, payload and signatures' };
  }
  const body = decodeBase64(envelope.payload);
  if (!body) return { ok: false, problem: 'malformed', detail: 'the payload is not base64' };
  const signatures = envelope.signatures.filter(isRecord);
  if (signatures.length === 0) return { ok: false, problem: 'no-signature', detail: 'the envelope carries no signature' };
  const message = pae(envelope.payloadType, body);
  const verified = signatures.some((s) => {
    const sig = typeof s.sig === 'string' ? decodeBase64(s.sig) : null;
    if (!sig || sig.length !== 64 || publicKey.length !== 32) return false;
    try {
      return ed25519.verify(sig, message, publicKey);
    } catch {
      return false;
    }
  });
  if (!verified) return { ok: false, problem: 'bad-signature', detail: 'no signature verifies with the bundle key' };
  // Checked after the signature, as DSSE's protocol orders it: a signed but unexpected type is still refused.
  if (envelope.payloadType !== expectedType) return { ok: false, problem: 'payload-type', detail: `payload type ${envelope.payloadType} is not ${expectedType}` };
  return { ok: true, body };
};
