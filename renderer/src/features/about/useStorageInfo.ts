import { useEffect, useState } from 'react';

export interface StorageInfo {
  persisted: 'yes' | 'no' | 'unsupported';
  usage: number | null;
  quota: number | null;
}

/** Whether the browser granted persistent storage, and the quota it gives this origin. */
export const useStorageInfo = (): StorageInfo | null => {
  const storage = typeof navigator !== 'undefined' ? (navigator.storage as StorageManager | undefined) : undefined;
  const supported = typeof storage?.estimate === 'function';
  const [info, setInfo] = useState<StorageInfo | null>(supported ? null : { persisted: 'unsupported', usage: null, quota: null });
  useEffect(() => {
    if (!storage || !supported) return;
    void Promise.all([storage.persisted ? storage.persisted() : Promise.resolve(null), storage.estimate()]).then(([persisted, estimate]) =>
      setInfo({
        persisted: persisted === null ? 'unsupported' : persisted ? 'yes' : 'no',
        usage: estimate.usage ?? null,
        quota: estimate.quota ?? null,
      }),
    );
  }, [storage, supported]);
  return info;
};
