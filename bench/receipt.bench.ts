import type { BenchRow } from './run';
import { buildReceipt, sampleReceiptInput } from '../shared/domain/receipt';
import { encodeReceipt } from '../electron/printer/encode-receipt';
import { runPrintJob } from '../electron/printer/print-job';
import { TcpPrinterTransport } from '../electron/printer/tcp-transport';
import { VirtualPrinter } from '../electron/printer/virtual/virtual-printer';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/**
 * Receipts: build + encode time for an 80 mm merchant copy with a signature raster and a QR
 * code (median of warm runs), its size in bytes, the same in "Chinese as raster" mode, and
 * print → confirmed against the virtual printer over loopback (status, bytes, GS r, status).
 */
export default async function receiptBench(): Promise<BenchRow[]> {
  const profile = { paperWidth: 80 as const, dotsPerLine: 576, chinese: 'native' as const, cut: true, drawerPulse: false };
  const input = sampleReceiptInput({ paper: 80 });
  for (let i = 0; i < 5; i++) encodeReceipt(buildReceipt(input), profile);
  const encodeMs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const encoded = encodeReceipt(buildReceipt(input), profile);
    encodeMs.push(performance.now() - t);
    bytes = encoded.byteCount;
  }
  const rasterMs: number[] = [];
  let rasterBytes = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    rasterBytes = encodeReceipt(buildReceipt(input), { ...profile, chinese: 'raster' }).byteCount;
    rasterMs.push(performance.now() - t);
  }

  const printer = new VirtualPrinter({ renderPng: false, dots: 576 });
  const { host, port } = await printer.start();
  const printMs: number[] = [];
  try {
    const payload = encodeReceipt(buildReceipt(input), profile).bytes;
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      const outcome = await runPrintJob(new TcpPrinterTransport(host, port), payload);
      if (outcome.state !== 'confirmed') throw new Error(`print failed: ${outcome.failure}`);
      printMs.push(performance.now() - t);
    }
  } finally {
    await printer.stop();
  }

  return [
    { id: 'receipt.encode', name: 'build + encode, 80 mm with signature + QR (median)', value: median(encodeMs), unit: 'ms', target: 20 },
    { id: 'receipt.bytes', name: 'bytes per receipt (native GB18030)', value: bytes, unit: 'B' },
    { id: 'receipt.encode-raster', name: 'build + encode, Chinese as raster (median)', value: median(rasterMs), unit: 'ms' },
    { id: 'receipt.bytes-raster', name: 'bytes per receipt (raster)', value: rasterBytes, unit: 'B' },
    { id: 'receipt.print-confirmed', name: 'print → confirmed, virtual printer over loopback (median)', value: median(printMs), unit: 'ms', target: 300 },
  ];
}
