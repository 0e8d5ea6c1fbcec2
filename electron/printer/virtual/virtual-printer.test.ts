import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualPrinter, statusReply } from './virtual-printer';
import type { VirtualPrinterState } from './virtual-printer';

let printer: VirtualPrinter | null = null;
afterEach(async () => {
  await printer?.stop();
  printer = null;
});

/** Sends bytes on a fresh connection and collects what comes back within `ms`. */
const exchange = (port: number, bytes: number[], ms = 150): Promise<number[]> =>
  new Promise((resolve, reject) => {
    const socket = new Socket();
    const got: number[] = [];
    socket.on('data', (d: Buffer) => got.push(...d));
    socket.on('error', reject);
    socket.connect(port, '127.0.0.1', () => {
      socket.write(Uint8Array.from(bytes));
      setTimeout(() => {
        socket.end();
        resolve(got);
      }, ms);
    });
  });

describe('virtual printer', () => {
  it.each<[VirtualPrinterState, number[]]>([
    ['online', [0x12, 0x12, 0x12, 0x12]],
    ['paper-near-end', [0x12, 0x12, 0x12, 0x1e]],
    ['paper-end', [0x1a, 0x32, 0x12, 0x72]],
    ['cover-open', [0x1a, 0x56, 0x12, 0x12]],
  ])('answers DLE EOT 1-4 in state %s like an Epson printer', async (state, replies) => {
    printer = new VirtualPrinter({ renderPng: false });
    const { port } = await printer.start();
    await printer.setState(state);
    expect(await exchange(port, [0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4])).toEqual(replies);
    expect([1, 2, 3, 4].map((n) => statusReply(state, n))).toEqual(replies);
  });

  it('answers GS r 1 only once the bytes before it are processed, and not while out of paper', async () => {
    printer = new VirtualPrinter({ renderPng: false });
    const { port } = await printer.start();
    expect(await exchange(port, [0x1b, 0x40, 0x41, 0x0a, 0x1d, 0x72, 0x01])).toEqual([0x00]);
    await printer.setState('paper-end');
    expect(await exchange(port, [0x1b, 0x40, 0x41, 0x0a, 0x1d, 0x72, 0x01, 0x10, 0x04, 0x04])).toEqual([0x72]);
  });

  it('writes each receipt as text and PNG in its folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cs-vp-'));
    printer = new VirtualPrinter({ folder, dots: 384 });
    const { port } = await printer.start();
    // ESC @, FS & + GB18030 "商店", LF, GS V B 0 (cut)
    await exchange(port, [0x1b, 0x40, 0x1c, 0x26, 0xc9, 0xcc, 0xb5, 0xea, 0x0a, 0x1d, 0x56, 0x42, 0x00]);
    await printer.whenIdle();
    const files = readdirSync(folder).sort();
    expect(files).toHaveLength(2);
    const [png, txt] = [files.find((f) => f.endsWith('.png')), files.find((f) => f.endsWith('.txt'))];
    expect(txt && existsSync(join(folder, txt))).toBe(true);
    const receipt = printer.receipts(1)[0];
    expect(receipt?.text).toBe('商店\n[cut]\n');
    const image = PNG.sync.read(Buffer.from((receipt?.pngDataUrl ?? '').split(',')[1] ?? '', 'base64'));
    expect(image.width).toBe(384);
    expect(png).toMatch(/^\d{8}-\d{6}-\d{3}-1\.png$/);
  });

  it('refuses connections while switched off and takes them again when back on the same port', async () => {
    printer = new VirtualPrinter({ renderPng: false });
    const { port } = await printer.start();
    await printer.setState('offline');
    await expect(exchange(port, [0x10, 0x04, 1])).rejects.toThrow(/ECONNREFUSED/);
    await printer.setState('online');
    expect(await exchange(port, [0x10, 0x04, 1])).toEqual([0x12]);
  });
});
