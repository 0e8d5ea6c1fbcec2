import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DownloadShelf } from '../evidence/download-shelf';
import type { Logger } from '../services/logger';

/** RFC 6266 filename parameters: an ASCII fallback and the exact name (RFC 8187). */
const disposition = (fileName: string): string => `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/**
 * Sends one evidence bundle from the download shelf, once, then deletes it. Only the shelf's
 * tokens name files (nothing in the path becomes a file name), so nothing else in the data
 * folder can be reached this way. Only a GET uses the download up (HEAD is answered 404).
 */
export const sendDownload = (shelf: DownloadShelf | undefined, token: string, req: IncomingMessage, res: ServerResponse, logger: Logger): void => {
  const item = req.method === 'GET' ? shelf?.take(token) : null;
  if (!shelf || !item) {
    res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('not found');
    return;
  }
  const done = (): void => shelf.remove(item.path);
  res.writeHead(200, {
    'content-type': 'application/zip',
    'content-length': String(statSync(item.path).size),
    'content-disposition': disposition(item.fileName),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  const stream = createReadStream(item.path);
  stream.on('error', (error) => {
    logger.warn('evidence.download-failed', { error: error.message });
    res.destroy();
    done();
  });
  res.on('close', done);
  stream.pipe(res);
};
