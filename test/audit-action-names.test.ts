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

/** Codes as the console spells them: a record kind or area, a dot, a step; and the session words. */
const CODE = /'((?:sale|void|refund|receipt|settings|training|acquirer|attachment|case|operator|lock)\.[a-z-]+|login|logout|unlock|lock|manager-approval)'/g;

/**
 * Literals that are not audit actions: the event names of log lines (`fireAndLog(logger, 'x.y', …)`,
 * `logger.warn('x.y', …)`) and translation keys (`t('lock.title')`).
 */
const NOT_AN_ACTION = /(?:fireAndLog\(\s*\w+,\s*|logger\.(?:debug|info|warn|error)\(\s*|\bt\(\s*)$/;

/** `${sale.kind}.approved`: the step written for each kind of record the variable can hold. */
const TEMPLATE = /`\$\{(?:\w+\.)?kind\}\.([a-z-]+)`/g;

/**
 * Every audit action the renderer writes: each quoted code in the source (audit entries are
 * written through several helpers: appendAudit, a sale step, a signature, a print job), and each
 * `${kind}.step` template, for sales, voids and refunds (for voids and refunds only in a file whose
 * kind is declared `'void' | 'refund'`).
 */
const writtenActions = (): string[] => {
  const found = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(CODE)) {
      if (!NOT_AN_ACTION.test(text.slice(Math.max(0, (m.index ?? 0) - 40), m.index))) found.add(m[1] ?? '');
    }
    const kinds = text.includes("kind: 'void' | 'refund'") ? ['void', 'refund'] : ['sale', 'void', 'refund'];
    for (const m of text.matchAll(TEMPLATE)) for (const kind of kinds) found.add(`${kind}.${m[1] ?? ''}`);
  }
  return [...found].sort();
};

/** Main's journal (taken into the audit log by the journal intake): `action: 'x.y'` in main's source, outside tests. */
const MAIN = join(__dirname, '..', 'electron');
const MAIN_ACTION = /action: '((?:[a-z]+\.[a-z.-]+)|login|logout|lock|unlock|manager-approval)'/g;

const journaledActions = (): string[] => {
  const found = new Set<string>();
  for (const file of sourceFiles(MAIN)) for (const m of readFileSync(file, 'utf8').matchAll(MAIN_ACTION)) found.add(m[1] ?? '');
  return [...found].sort();
};

const unnamed = async (actions: string[], lng: 'en' | 'zh-CN'): Promise<string[]> => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { [lng]: { audit: auditStrings[lng] } }, interpolation: { escapeValue: false } });
  const t = i18n.getFixedT(lng, 'audit');
  return actions.filter((a) => !t(actionKey(a), { defaultValue: '' }));
};

describe('audit action names', () => {
  it('every action main journals has a name in Chinese and in English', async () => {
    const actions = journaledActions();
    // Training switches are journaled by main as it applies them (the host's settlement answer too).
    expect(actions).toEqual(expect.arrayContaining(['training.simulator', 'training.printer', 'training.settlement', 'operator.create', 'manager-approval']));
    for (const lng of ['en', 'zh-CN'] as const) expect(await unnamed(actions, lng), lng).toEqual([]);
  });

  it('every action the console writes has a name in Chinese and in English', async () => {
    const actions = writtenActions();
    expect(actions.length).toBeGreaterThan(40);
    // The scanner finds the codes written through each helper (a sanity check on the scan itself).
    expect(actions).toEqual(expect.arrayContaining(['login', 'unlock', 'manager-approval', 'sale.create', 'sale.forwarded', 'sale.signed', 'receipt.printed', 'refund.approved', 'void.prepared']));
    expect(actions).not.toContain('sale.prepared');
    for (const lng of ['en', 'zh-CN'] as const) {
      const i18n = i18next.createInstance();
      await i18n.init({ lng, resources: { [lng]: { audit: auditStrings[lng] } }, interpolation: { escapeValue: false } });
      const t = i18n.getFixedT(lng, 'audit');
      const missing = actions.filter((a) => !t(actionKey(a), { defaultValue: '' }));
      expect(missing, lng).toEqual([]);
    }
  });
});
