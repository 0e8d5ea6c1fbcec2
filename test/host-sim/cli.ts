import { HostSimulator } from './host-sim';
import { startControlServer } from './control-server';

/**
 * `npm run host-sim [-- --port 5800 --control-port 5801 --delay 0 --header-bytes 6]`: a card host
 * on 127.0.0.1 speaking the console's ISO 8583 framing, for pointing a console (Settings → Card
 * host: ISO 8583, 127.0.0.1, 5800; training mode off) or an end-to-end test at it. It approves and
 * declines by the same amount table as the training host. The control port flips faults.
 */
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const port = Number(arg('port') ?? 5800);
const controlPort = arg('control-port');
const sim = new HostSimulator({ delayMs: Number(arg('delay') ?? 0), headerLength: Number(arg('header-bytes') ?? 6) });
const address = await sim.start(port);
process.stdout.write(`host simulator listening on ${address.host}:${address.port}\n`);
if (controlPort !== undefined) {
  const control = await startControlServer(sim, Number(controlPort));
  process.stdout.write(`control port on http://127.0.0.1:${control.port} (GET /records, POST /drop?n=1, /close, /wrong-mac, /delay?ms=, /down, /up, /reset)\n`);
}

const shutdown = (): void => {
  void sim.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
