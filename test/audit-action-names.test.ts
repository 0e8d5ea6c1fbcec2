import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { actionKey } from '../renderer/src/features/audit/action-names';
import { auditStrings } from '../renderer/src/features/audit/i18n';

/** Scans the renderer's source for the audit actions it writes (a test outside renderer/, which cannot use Node). */
const SRC = join(__dirname, '..', 'renderer', 'src');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && name !== 'i18n.ts' ? [path] : [];
  });

const CODE = /'((?:sale|void|refund|receipt|settings|training|acquirer|attachment|case|operator|lock)\.[a-z-]+|login|logout|unlock|lock|manager-approval)'/g;

/** Every audit action the renderer writes: literals on lines that write audit entries, and the `${kind}.step` templates. */
const writtenActions = (): string[] => {
  const found = new Set<string>(['login', 'unlock', 'manager-approval']);
  for (const file of sourceFiles(SRC)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!/action|audit|\ba\(/.test(line)) continue;
      for (const m of line.matchAll(CODE)) found.add(m[1] ?? '');
      for (const m of line.matchAll(/`\$\{(?:input\.)?kind\}\.([a-z-]+)`/g)) for (const kind of ['void', 'refund']) found.add(`${kind}.${m[1] ?? ''}`);
    }
  }
  found.add('sale.create');
  return [...found].sort();
};

describe('audit action names', () => {
  it('every action the console writes has a name in Chinese and in English', async () => {
    const actions = writtenActions();
    expect(actions.length).toBeGreaterThan(40);
    for (const lng of ['en', 'zh-CN'] as const) {
      const i18n = i18next.createInstance();
      await i18n.init({ lng, resources: { [lng]: { audit: auditStrings[lng] } }, interpolation: { escapeValue: false } });
      const t = i18n.getFixedT(lng, 'audit');
      const missing = actions.filter((a) => !t(actionKey(a), { defaultValue: '' }));
      expect(missing, lng).toEqual([]);
    }
  });
});
