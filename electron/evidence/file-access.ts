import { open } from 'node:fs/promises';
import type { RandomAccess } from '../../shared/domain/evidence/zip-reader';

/** Random access to a file on disk, for reading a bundle's ZIP without loading it whole. */
export const openFileAccess = async (path: string): Promise<RandomAccess & { close(): Promise<void> }> => {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    read: async (offset, length) => {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
      return buf.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
};
