import { join } from 'node:path';
import { VirtualPrinter } from './virtual-printer';

/**
 * `npm run virtual-printer [-- --port 9100 --dots 576 --folder <dir>]`: a virtual receipt
 * printer on 127.0.0.1 for pointing a console (or any ESC/POS software) at.
 */
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const port = Number(arg('port') ?? 9100);
const dots = Number(arg('dots') ?? 576);
const folder = arg('folder') ?? join(process.cwd(), '.data', 'virtual-printer');
const printer = new VirtualPrinter({ dots, folder });
printer.onReceipt((r) => process.stdout.write(`receipt ${r.id} (${r.byteCount} bytes) → ${join(folder, `${r.id}.txt`)}\n`));

const address = await printer.start(port);
process.stdout.write(`virtual printer listening on ${address.host}:${address.port} (${dots} dots), receipts in ${folder}\n`);

const shutdown = (): void => {
  printer.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`virtual printer: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
