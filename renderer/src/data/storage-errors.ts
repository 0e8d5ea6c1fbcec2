/**
 * Whether a failed write failed for lack of space. IndexedDB names it QuotaExceededError; Dexie
 * keeps the name, or wraps it (an aborted transaction's `inner`, a cause) depending on where the
 * browser noticed, so the chain is followed a few links deep.
 */
export const isStorageFull = (error: unknown): boolean => {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Object; depth += 1) {
    if ('name' in current && current.name === 'QuotaExceededError') return true;
    current = ('inner' in current && current.inner) || ('cause' in current && current.cause) || null;
  }
  return false;
};
