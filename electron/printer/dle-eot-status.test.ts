import { describe, expect, it } from 'vitest';
import { canPrint, isPaperSensorReply, isStatusByte, parseStatusReplies } from './dle-eot-status';
import type { StatusReplies } from './dle-eot-status';

const ok: StatusReplies = [0x12, 0x12, 0x12, 0x12];

describe('DLE EOT status replies (Epson: bits 1 and 4 fixed on, bits 0 and 7 fixed off)', () => {
  it('reads 0x12 to all four queries as a healthy printer', () => {
    const s = parseStatusReplies(ok);
    expect(s.code).toBe('ready');
    expect(s.online).toBe(true);
    expect(canPrint(s)).toBe(true);
    expect(s.replies).toEqual(['12', '12', '12', '12']);
  });

  it.each([
    ['offline (n=1 bit 3)', [0x1a, 0x12, 0x12, 0x12], 'offline', { online: false }],
    ['drawer pin 3 high (n=1 bit 2) is not an error', [0x16, 0x12, 0x12, 0x12], 'ready', { drawerPin3High: true }],
    ['cover open (n=2 bit 2)', [0x1a, 0x16, 0x12, 0x12], 'cover-open', { coverOpen: true }],
    ['paper fed by the button (n=2 bit 3)', [0x12, 0x1a, 0x12, 0x12], 'ready', { feedButton: true }],
    ['paper-end stop (n=2 bit 5)', [0x1a, 0x32, 0x12, 0x12], 'paper-end', { paperEndStop: true }],
    ['error occurred (n=2 bit 6)', [0x1a, 0x52, 0x12, 0x12], 'offline', { errorOccurred: true }],
    ['autocutter error (n=3 bit 3)', [0x1a, 0x52, 0x1a, 0x12], 'cutter-error', { cutterError: true }],
    ['unrecoverable error (n=3 bit 5)', [0x1a, 0x52, 0x32, 0x12], 'unrecoverable', { unrecoverable: true }],
    ['auto-recoverable error (n=3 bit 6)', [0x1a, 0x52, 0x52, 0x12], 'offline', { autoRecoverable: true }],
    ['paper near end (n=4 bits 2-3)', [0x12, 0x12, 0x12, 0x1e], 'paper-near-end', { paperNearEnd: true }],
    ['paper end (n=4 bits 5-6)', [0x1a, 0x32, 0x12, 0x72], 'paper-end', { paperEnd: true }],
  ] as const)('%s', (_name, replies, code, flags) => {
    const s = parseStatusReplies([...replies] as StatusReplies);
    expect(s.code).toBe(code);
    expect(s).toMatchObject(flags);
  });

  it('lets a near-end roll print but not an open cover or paper end', () => {
    expect(canPrint(parseStatusReplies([0x12, 0x12, 0x12, 0x1e]))).toBe(true);
    expect(canPrint(parseStatusReplies([0x1a, 0x16, 0x12, 0x12]))).toBe(false);
    expect(canPrint(parseStatusReplies([0x1a, 0x32, 0x12, 0x72]))).toBe(false);
  });

  it('reports no-reply when the printer does not answer n=1', () => {
    expect(parseStatusReplies([null, null, null, null]).code).toBe('no-reply');
  });

  it.each([[0x00], [0xff], [0x13], [0x92], [0x02], [0x10], [0x0c]])('rejects 0x%s as garbage (fixed bits broken)', (byte) => {
    expect(isStatusByte(byte)).toBe(false);
    const s = parseStatusReplies([byte, 0x12, 0x12, 0x12]);
    expect(s.code).toBe('garbage');
    expect(s.online).toBeNull();
    expect(parseStatusReplies([0x12, 0x12, 0x12, byte]).code).toBe('garbage');
  });

  it('tells a GS r paper-sensor reply (bits 4 and 7 off) from a DLE EOT reply', () => {
    expect(isPaperSensorReply(0x00)).toBe(true);
    expect(isPaperSensorReply(0x0c)).toBe(true);
    expect(isPaperSensorReply(0x12)).toBe(false);
  });
});
