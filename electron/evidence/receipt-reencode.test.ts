import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/domain/hash';
import { buildReceipt, sampleReceiptInput } from '../../shared/domain/receipt';
import { encodeReceipt } from '../printer/encode-receipt';
import { ReceiptReEncoder, candidateProfiles } from './receipt-reencode';

const CONFIG = { paperWidth: 80, dotsPerLine: 576, chinese: 'native', cut: true, drawerPulse: false } as const;
const markup = buildReceipt(sampleReceiptInput({ copy: 'customer' }));
const wire = (bytesSha256: string | null) => ({ copy: 'customer' as const, reprint: 0, printedAt: 0, outcome: 'confirmed', markup, bytesSha256 });
const PNG = [0x89, 0x50, 0x4e, 0x47];

describe('receipts re-encoded for the evidence bundle', () => {
  it('keeps the bytes as printed, outcome untouched, when the configured printer gives the printed SHA-256', () => {
    const printed = encodeReceipt(markup, CONFIG).bytes;
    const made = new ReceiptReEncoder(CONFIG).reEncode(wire(sha256Hex(printed)));
    expect(made).toMatchObject({ identical: true, outcome: 'confirmed' });
    expect(made.escpos).toEqual(printed);
    expect([...made.png.subarray(0, 4)]).toEqual(PNG);
  });

  it('finds the profile a slip was printed with after the settings changed (58 mm, drawer pulse)', () => {
    const profile = { paperWidth: 58, dotsPerLine: 384, chinese: 'native', cut: true, drawerPulse: true } as const;
    const small = buildReceipt(sampleReceiptInput({ copy: 'customer', paper: 58 }));
    const printed = encodeReceipt(small, profile).bytes;
    const encoder = new ReceiptReEncoder(CONFIG);
    const made = encoder.reEncode({ ...wire(sha256Hex(printed)), markup: small });
    expect(made).toMatchObject({ identical: true, outcome: 'confirmed' });
    expect(made.escpos).toEqual(printed);
  });

  it('says "re-encoded, not byte-identical" with the printed digest when no profile gives it, and still includes bytes and picture', () => {
    const made = new ReceiptReEncoder(CONFIG).reEncode(wire('ab'.repeat(32)));
    expect(made.identical).toBe(false);
    expect(made.outcome).toBe(`confirmed; re-encoded, not byte-identical (printed SHA-256 ${'ab'.repeat(32)})`);
    expect(made.escpos).toEqual(encodeReceipt(markup, CONFIG).bytes);
    expect([...made.png.subarray(0, 4)]).toEqual(PNG);
  });

  it('says a job that sent no bytes was encoded from its markup', () => {
    expect(new ReceiptReEncoder(CONFIG).reEncode(wire(null))).toMatchObject({ identical: false, outcome: 'confirmed; never sent, encoded from its markup' });
  });

  it('tries the configured profile first, the drawer pulse only on the merchant copy', () => {
    expect(candidateProfiles({ ...CONFIG, drawerPulse: true }, 'merchant')[0]).toEqual({ ...CONFIG, drawerPulse: true });
    expect(candidateProfiles({ ...CONFIG, drawerPulse: true }, 'customer')[0]).toEqual({ ...CONFIG, drawerPulse: false });
    const all = candidateProfiles(CONFIG, 'customer');
    expect(new Set(all.map((p) => JSON.stringify(p))).size).toBe(all.length);
    expect(all.findIndex((p) => p.chinese === 'raster')).toBeGreaterThan(all.findLastIndex((p) => p.chinese === 'native'));
  });
});
