import { parseArgs } from 'node:util';
import { launchBrowserHost } from './launch';
import { openAppWindow } from './open-app-window';

/** `npm run web`: the browser host. Prints the URL (with its per-launch token) to open. */
const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.COUNTERSIGN_PORT ?? '0' },
      'data-dir': { type: 'string' },
      open: { type: 'boolean', default: false },
    },
  });
  const host = await launchBrowserHost({ port: Number(values.port), dataDir: values['data-dir'] });
  process.stdout.write(`Countersign browser host on 127.0.0.1 (data: ${host.dataDir})\n`);
  process.stdout.write(`Open: ${host.web.url}\n`);
  if (values.open && openAppWindow(host.web.url)) process.stdout.write('Opened the console in an app window.\n');
  const stop = (): void => {
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Countersign did not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

main().catch((error: unknown) => {
  process.stderr.write(`Countersign could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
