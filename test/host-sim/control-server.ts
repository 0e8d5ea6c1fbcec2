import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { HostSimulator } from './host-sim';
import type { RequestKind } from './host-answers';

/**
 * A small HTTP control port on 127.0.0.1 for end-to-end tests that run the simulator in another
 * process (`npm run host-sim -- --control-port 5801`). Every call answers JSON.
 *   GET  /state                       listening, port, delay, session, faults
 *   GET  /records                     every message received
 *   GET  /transactions                what the host booked (approved / declined / reversed)
 *   POST /delay?ms=500
 *   POST /drop?n=1[&kinds=sale,advice]
 *   POST /close?n=1[&kinds=…]
 *   POST /garble?n=1[&kinds=…]        answer cut short (the console must name it)
 *   POST /wrong-mac?n=1&mode=response|reject[&kinds=…]
 *   POST /settle-mode?mode=auto|balanced|unbalanced   the next settlement's outcome (auto compares totals)
 *   GET  /settlements                 settlements received, with their batch uploads
 *   POST /require-sign-on
 *   POST /down   POST /up   POST /reset   POST /clear-faults
 */
const KINDS: readonly RequestKind[] = ['sign-on', 'echo', 'inquiry', 'sale', 'void', 'refund', 'advice', 'reversal', 'settlement', 'batch-upload', 'batch-upload-end'];

const kindsOf = (q: URLSearchParams): RequestKind[] | undefined => {
  const raw = q.get('kinds');
  if (!raw) return undefined;
  const list = raw.split(',').filter((k): k is RequestKind => (KINDS as readonly string[]).includes(k));
  return list.length > 0 ? list : undefined;
};

const count = (q: URLSearchParams): number => {
  const n = Number(q.get('n') ?? '1');
  return Number.isInteger(n) && n >= 0 ? n : 1;
};

export const startControlServer = async (sim: HostSimulator, port: number, host = '127.0.0.1'): Promise<{ server: Server; port: number }> => {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    const q = url.searchParams;
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const run = async (): Promise<unknown> => {
      const route = `${req.method ?? 'GET'} ${url.pathname}`;
      switch (route) {
        case 'GET /state':
          return sim.state();
        case 'GET /records':
          return sim.records;
        case 'GET /transactions':
          return sim.transactions();
        case 'POST /delay':
          sim.setDelay(Number(q.get('ms') ?? '0') || 0);
          return sim.state();
        case 'POST /drop':
          sim.dropNext(count(q), kindsOf(q));
          return sim.state();
        case 'POST /close':
          sim.closeNext(count(q), kindsOf(q));
          return sim.state();
        case 'POST /garble':
          sim.garbleNext(count(q), kindsOf(q));
          return sim.state();
        case 'POST /wrong-mac':
          sim.wrongMacNext(count(q), q.get('mode') === 'reject' ? 'reject' : 'response', kindsOf(q));
          return sim.state();
        case 'POST /settle-mode': {
          const mode = q.get('mode');
          if (mode !== 'auto' && mode !== 'balanced' && mode !== 'unbalanced') return null;
          sim.settleNext(mode);
          return { mode };
        }
        case 'GET /settlements':
          return sim.settlement.settlements;
        case 'POST /require-sign-on':
          sim.requireSignOn();
          return sim.state();
        case 'POST /down':
          await sim.down();
          return sim.state();
        case 'POST /up':
          await sim.up();
          return sim.state();
        case 'POST /reset':
          sim.reset();
          return sim.state();
        case 'POST /clear-faults':
          sim.clearFaults();
          return sim.state();
        default:
          return null;
      }
    };
    run().then(
      (body) => (body === null ? reply(404, { error: 'unknown control', path: url.pathname }) : reply(200, body)),
      (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : port };
};
