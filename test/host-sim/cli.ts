import { HostSimulator } from './host-sim';
import { startControlServer } from './control-server';

/**
 * `npm run host-sim [-- --port 5800 --control-port 5801 --delay 0 --header-bytes 6 --tmk <32 hex>]`: a card host
 * on 127.0.0.1 speaking the console's ISO 8583 framing, for pointing a console (Settings → Card
 * host: ISO 8583, 127.0.0.1, 5800; training mode off) or an end-to-end test at it. It approves and
 * declines by the same amount table as the training host. The control port flips faults.
 * `--tmk` sets the terminal master key it delivers working keys under (default: the test key, which
 * the console uses until a key is loaded in Settings → Terminal master key).
 */
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const port = Number(arg('port') ?? 5800);
const controlPort = arg('control-port');
const tmkHex = arg('tmk')?.replace(/[\s-]/g, '');
if (tmkHex !== undefined && !/^([0-9A-Fa-f]{16}|[0-9A-Fa-f]{32})$/.test(tmkHex)) {
  process.stderr.write('--tmk takes 16 or 32 hex digits\n');
  process.exit(2);
}
const sim = new HostSimulator({
  delayMs: Number(arg('delay') ?? 0),
  headerLength: Number(arg('header-bytes') ?? 6),
  ...(tmkHex ? { tmk: Uint8Array.from(Buffer.from(tmkHex, 'hex')) } : {}),
});
const address = await sim.start(port);
process.stdout.write(`host simulator listening on ${address.host}:${address.port} (${tmkHex ? 'terminal master key from --tmk' : 'the built-in test master key'})\n`);
if (controlPort !== undefined) {
  const control = await startControlServer(sim, Number(controlPort));
  process.stdout.write(`control port on http://127.0.0.1:${control.port} (GET /records, POST /drop?n=1, /close, /wrong-mac, /delay?ms=, /down, /up, /reset)\n`);
}

const shutdown = (): void => {
  sim.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`host-sim: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
