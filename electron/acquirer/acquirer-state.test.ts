import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../services/logger';
import { AcquirerState } from './acquirer-state';

const dir = () => mkdtempSync(join(tmpdir(), 'cs-acq-state-'));

describe('AcquirerState', () => {
  it('allocates six-digit STANs from 000001 and persists them', () => {
    const d = dir();
    const s = new AcquirerState(d, silentLogger);
    expect(s.nextStan()).toBe('000001');
    expect(s.nextStan()).toBe('000002');
    expect(new AcquirerState(d, silentLogger).nextStan()).toBe('000003');
    expect(JSON.parse(readFileSync(join(d, 'acquirer-state.json'), 'utf8'))).toMatchObject({ version: 1, lastStan: 3, batch: '000001' });
  });

  it('rolls over from 999999 to 000001, never 000000', () => {
    const d = dir();
    writeFileSync(join(d, 'acquirer-state.json'), JSON.stringify({ version: 1, lastStan: 999_998, batch: '000001', prepared: [] }));
    const s = new AcquirerState(d, silentLogger);
    expect([s.nextStan(), s.nextStan(), s.nextStan()]).toEqual(['999999', '000001', '000002']);
  });

  it('gives a sale the same STAN on every call, across a restart', () => {
    const d = dir();
    const s = new AcquirerState(d, silentLogger);
    const a = s.prepare('sale-a');
    s.nextStan();
    expect(s.prepare('sale-a')).toEqual(a);
    expect(s.prepare('sale-b').stan).not.toBe(a.stan);
    expect(new AcquirerState(d, silentLogger).prepare('sale-a')).toEqual(a);
  });

  it('keeps the host batch from sign-on', () => {
    const d = dir();
    const s = new AcquirerState(d, silentLogger);
    s.setBatch('000042');
    s.setBatch('bad');
    expect(new AcquirerState(d, silentLogger).batch).toBe('000042');
    expect(s.prepare('x').batch).toBe('000042');
  });

  it('sets a corrupt file aside and jumps ahead rather than reuse numbers', () => {
    const d = dir();
    writeFileSync(join(d, 'acquirer-state.json'), '{nope');
    const s = new AcquirerState(d, silentLogger);
    expect(readdirSync(d).some((f) => f.startsWith('acquirer-state.json.corrupt-'))).toBe(true);
    expect(Number(s.nextStan())).toBeGreaterThan(0);
  });
});
