import { useEffect, useState } from 'react';
import { getDb } from '../../data/db';
import { persistRequestAnswer, storageEstimate } from '../../data/storage-status';

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
  const [info, setInfo] = useState<StorageInfo | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([storageEstimate(), persistRequestAnswer(getDb()).catch(() => undefined)]).then(([e, asked]) => {
      if (live) setInfo({ persisted: answerOf(e.persisted), usage: e.usage, quota: e.quota, requested: asked ? { answer: answerOf(asked.granted), at: asked.at } : null });
    });
    return () => {
      live = false;
    };
  }, []);
  return info;
};
