import { describe, expect, it } from 'vitest';
import { buildV5Report } from '../../test/fixtures/hid/builders';
import { encodeMagtekReport } from '../devices/magtek-report';
import { CardIntake } from './card-intake';
import { CardVault } from './card-vault';

const key = new Uint8Array(32).fill(3);
const now = () => new Date('2026-11-23T10:00:00+08:00');
const T2 = ';6212345678901232=3012101000?';

const intake = (): { intake: CardIntake; vault: CardVault } => {
  const vault = new CardVault({ now: () => now().getTime(), schedule: () => () => undefined });
  return { intake: new CardIntake({ vault, fingerprintKey: key, now }), vault };
};

describe('CardIntake', () => {
  it('zero-fills the report buffer once it has been decoded', () => {
    const { intake: i } = intake();
    const bytes = encodeMagtekReport({ track2: T2 });
    expect(i.fromReport('magtek-337', bytes, 'hid', 'r1').ok).toBe(true);
    expect(bytes.every((b) => b === 0)).toBe(true);
  });

  it('gives the same fingerprint for the same card by HID and by keyboard', () => {
    const { intake: i } = intake();
    const a = i.fromReport('magtek-337', encodeMagtekReport({ track2: T2 }), 'hid', 'r1');
    const b = i.fromKeyboard(`${T2}\r`, 'kbd');
    expect(a.ok && b.ok && a.summary.fingerprint === b.summary.fingerprint).toBe(true);
    expect(a.ok && b.ok && a.summary.cardRef !== b.summary.cardRef).toBe(true);
  });

  it('refuses an expired masked card from an encrypting reader', () => {
    const { intake: i, vault } = intake();
    const r = i.fromReport('magtek-v5', buildV5Report({ masked: { track2: ';5452000000007189=08040000000000000000?' } }), 'hid', 'r1');
    expect(r).toEqual({ ok: false, reason: 'expired' });
    expect(vault.size).toBe(0);
  });

  it('decodes, parses and summarises repeated reports, each to its own card reference (speed: npm run bench card)', () => {
    const { intake: i, vault } = intake();
    const template = encodeMagtekReport({ track1: '%B6212345678901232^TEST/CARD^3012101000?', track2: T2 });
    const refs = new Set<string>();
    for (let n = 0; n < 50; n += 1) {
      const r = i.fromReport('magtek-337', template.slice(), 'hid', 'r1');
      if (r.ok) refs.add(r.summary.cardRef);
    }
    expect(refs.size).toBe(50);
    vault.clear();
  });
});
