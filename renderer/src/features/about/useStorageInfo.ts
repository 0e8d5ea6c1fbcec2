import { useEffect, useState } from 'react';
import { persistRequestAnswer, storageEstimate } from '../../data/storage-status';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';

export interface StorageInfo {
  persisted: 'yes' | 'no' | 'unsupported';
  usage: number | null;
  quota: number | null;
  /** The answer to the request made at first run: granted, refused or unsupported, and when; null before it was asked. */
  requested: { answer: 'yes' | 'no' | 'unsupported'; at: number } | null;
}

const answerOf = (granted: boolean | null): 'yes' | 'no' | 'unsupported' => (granted === null ? 'unsupported' : granted ? 'yes' : 'no');

/** Whether the browser granted persistent storage, and the quota it gives this origin. */
export const useStorageInfo = (): StorageInfo | null => {
  const { db, logger } = useRoot();
  const [info, setInfo] = useState<StorageInfo | null>(null);
  useEffect(() => {
    let live = true;
    fireAndLog(logger, 'storage.estimate-failed', Promise.all([storageEstimate(), persistRequestAnswer(db)]).then(([e, asked]) => {
      if (live) setInfo({ persisted: answerOf(e.persisted), usage: e.usage, quota: e.quota, requested: asked ? { answer: answerOf(asked.granted), at: asked.at } : null });
    }));
    return () => {
      live = false;
    };
  }, [db, logger]);
  return info;
};
