import { describe, expect, it } from 'vitest';
import { CONSOLE_CODES, HOST_RESPONSE_CODES, RESPONSE_CODES, explainResponse, isApprovalCode, reversalSettled } from './response-codes';

const REQUIRED = ['00', '01', '03', '05', '12', '13', '14', '30', '41', '43', '51', '54', '55', '58', '61', '65', '75', '91', '94', '96', 'A0'];

describe('response code table', () => {
  it('covers every code the issue names', () => {
    for (const code of REQUIRED) expect(HOST_RESPONSE_CODES, code).toContain(code);
  });

  it('explains every code in both languages, with an action for the cashier', () => {
    for (const info of RESPONSE_CODES.values()) {
      expect(info.explanation.en.length, info.code).toBeGreaterThan(5);
      expect(info.explanation['zh-CN'].length, info.code).toBeGreaterThan(2);
      expect(info.action.en.length, info.code).toBeGreaterThan(5);
      expect(info.action['zh-CN'].length, info.code).toBeGreaterThan(2);
      expect(info.explanation['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('approves only 00', () => {
    expect([...RESPONSE_CODES.values()].filter((i) => i.approved).map((i) => i.code)).toEqual(['00']);
    expect(isApprovalCode('00')).toBe(true);
    expect(isApprovalCode('51')).toBe(false);
  });

  it('marks A0 as a MAC error that needs a new sign-on', () => {
    const a0 = explainResponse('A0');
    expect(a0.resign).toBe(true);
    expect(a0.category).toBe('security');
    expect(a0.action.en).toMatch(/sign on/i);
    expect(a0.action['zh-CN']).toContain('签到');
  });

  it('says which declines may be retried', () => {
    expect(explainResponse('91').retryable).toBe(true);
    expect(explainResponse('96').retryable).toBe(true);
    expect(explainResponse('51').retryable).toBe(false);
    expect(explainResponse('41').category).toBe('pick-up');
  });

  it('accepts a lower-case or padded code', () => {
    expect(explainResponse('a0').code).toBe('A0');
    expect(explainResponse(' 51').code).toBe('51');
  });

  it('falls back to a generic decline naming an unknown code', () => {
    const info = explainResponse('Z9');
    expect(info.approved).toBe(false);
    expect(info.explanation.en).toContain('Z9');
    expect(info.explanation['zh-CN']).toContain('Z9');
    expect(info.retryable).toBe(false);
  });

  it('has console pseudo codes that cannot collide with two-character host codes', () => {
    for (const code of Object.values(CONSOLE_CODES)) {
      expect(code).toContain('-');
      expect(explainResponse(code).category).toBe('console');
    }
    expect(explainResponse(CONSOLE_CODES.noAnswer).action.en).toMatch(/not charge again/i);
  });

  it('settles a reversal only on 00 or 25: a decline (05, 12), an unknown code, a MAC error or "try later" leave it open', () => {
    expect(reversalSettled('00')).toBe(true);
    expect(reversalSettled('25')).toBe(true);
    expect(reversalSettled('12')).toBe(false);
    expect(reversalSettled('05')).toBe(false);
    expect(reversalSettled('Z9')).toBe(false);
    expect(reversalSettled('A0')).toBe(false);
    expect(reversalSettled('96')).toBe(false);
    expect(reversalSettled('91')).toBe(false);
  });
});
