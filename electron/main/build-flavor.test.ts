import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flavorOf, readBuildFlavor } from './build-flavor';

describe('build flavor', () => {
  it('is what build/dist.mjs wrote into the packaged package.json', () => {
    expect(flavorOf({ name: 'countersign', countersign: { flavor: 'training' } })).toBe('training');
    expect(flavorOf({ name: 'countersign', countersign: { flavor: 'release' } })).toBe('release');
    expect(flavorOf({ name: 'countersign' })).toBe('release');
  });

  it('is training (no updates) when it cannot be told', () => {
    expect(flavorOf({ countersign: { flavor: 'trainnig' } })).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'flavor-'));
    expect(readBuildFlavor(dir).flavor).toBe('training');
    writeFileSync(join(dir, 'package.json'), '{"countersign":{"flavor":"beta"}}');
    expect(readBuildFlavor(dir)).toEqual({ flavor: 'training', problem: 'unknown countersign.flavor in package.json' });
    writeFileSync(join(dir, 'package.json'), '{"name":"countersign","countersign":{"flavor":"release"}}');
    expect(readBuildFlavor(dir)).toEqual({ flavor: 'release', problem: null });
  });
});
