import { describe, expect, it } from 'vitest';
import { commonStrings } from './strings';
import { namespaces } from './namespaces';

type Tree = { [key: string]: string | Tree };

const leaves = (tree: Tree, prefix = ''): Array<[string, string]> =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));

const all = { common: commonStrings, ...namespaces } as unknown as Record<string, { en: Tree; 'zh-CN': Tree }>;

/**
 * Latin words a Chinese screen may show: names of standards, devices and codes the cashier sees
 * printed on hardware or slips, units, and the other language's own name on the language button.
 */
const LATIN_IN_CHINESE = new Set([
  'Countersign', 'English', 'Electron', 'IndexedDB', 'COM3', 'ttyUSB0', 'RRN', 'STAN', 'PIN', 'USB', 'HID', 'TCP', 'ISO', 'POS', 'IP', 'COM', 'VID', 'PID', 'MAC', 'KCV', 'TMK', 'TPDU', 'ID', 'SMS', 'QR', 'UTC', 'DES', 'LRC', 'XOR', 'MB', 'IME', 'ESC', 'EOT', 'DLE', 'MagTek', 'MagneSafe', 'TECH', 'Universal', 'Demo', 'KB', 'Windows', 'macOS', 'Linux', 'udev', 'dev', 'hidraw', 'MODE', 'GROUP', 'plugdev', 'Shift', 'Ctrl', 'Space', 'Input', 'Monitoring', 'System', 'Settings', 'Privacy', 'Security', 'Keyboard', 'Setup', 'Assistant', 'ttyUSB', 'Asia', 'Shanghai', 'VISA', 'Visa', 'Mastercard', 'UnionPay', 'JCB', 'Discover', 'Diners', 'Club', 'American', 'Express', 'Epson', 'TM', 'T88', 'Zadig', 'WinUSB', 'README', 'SVG', 'PNG', 'PDF', 'GB18030', 'GBK', 'UTF', 'CSV', 'XLSX', 'xlsx', 'xls', 'Excel', 'Enter', 'Esc', 'Backspace', 'Input', 'Method', 'SHA', 'age', 'scrypt', 'ZIP', 'BagIt', 'RFC', 'DSSE',
]);

/** Latin words of 3+ characters, leaving out placeholders and hex numbers (a USB id such as 0acd). */
const words = (text: string): string[] =>
  (text.replace(/\{\{[^}]+\}\}/g, '').match(/[A-Za-z0-9_]+/g) ?? []).filter((w) => /[A-Za-z]/.test(w) && w.length >= 3 && !(/\d/.test(w) && /^[0-9a-f]+$/i.test(w)));

describe('screen strings', () => {
  it.each(Object.keys(all))('%s: the same keys in Chinese and English', (ns) => {
    const zh = leaves(all[ns]!['zh-CN']).map(([k]) => k).sort();
    const en = leaves(all[ns]!.en).map(([k]) => k).sort();
    expect(zh).toEqual(en);
  });

  it.each(Object.keys(all))('%s: Chinese strings are Chinese (no "中文 / English" titles, no raw codes)', (ns) => {
    const offenders = leaves(all[ns]!['zh-CN'])
      .filter(([key]) => !/(^|\.)options\./.test(key))
      .flatMap(([key, text]) => words(text).filter((w) => !LATIN_IN_CHINESE.has(w)).map((w) => `${key}: ${w}`));
    expect(offenders).toEqual([]);
  });

  it.each(Object.keys(all))('%s: English strings carry no Chinese except a language’s own name', (ns) => {
    const offenders = leaves(all[ns]!.en)
      .filter(([, text]) => /[\u4e00-\u9fff]/.test(text.replace(/中文/g, '')))
      .map(([key, text]) => `${key}: ${text}`);
    expect(offenders).toEqual([]);
  });
});
