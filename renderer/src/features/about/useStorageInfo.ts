import { useEffect, useState } from 'react';
import { storageEstimate } from '../../data/storage-status';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';

export interface StorageInfo {
  persisted: 'yes' | 'no' | 'unsupported';
  usage: number | null;
  quota: number | null;
}

/** Whether the browser granted persistent storage, and the quota it gives this origin. */
export const useStorageInfo = (): StorageInfo | null => {
  const { logger } = useRoot();
  const [info, setInfo] = useState<StorageInfo | null>(null);
  useEffect(() => {
    let live = true;
    fireAndLog(logger, 'storage.estimate-failed', storageEstimate().then((e) => {
      if (live) setInfo({ persisted: e.persisted === null ? 'unsupported' : e.persisted ? 'yes' : 'no', usage: e.usage, quota: e.quota });
    }));
    return () => {
      live = false;
    };
  }, [logger]);
  return info;
};
