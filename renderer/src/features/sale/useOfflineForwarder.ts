import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../../../shared/domain/settings';
import { api } from '../../api/client';
import { getDb } from '../../data/db';
import { forwardOfflineQueue } from './sale-settle';
import type { ForwardResult } from './sale-settle';

/**
 * Sends offline-accepted sales when the link comes back (and on start, and every minute while
 * any wait), in the order they were taken. One run at a time, so each goes exactly once.
 */
export const useOfflineForwarder = (operatorId: string, settings: Settings): ForwardResult[] => {
  const [last, setLast] = useState<ForwardResult[]>([]);
  const running = useRef(false);
  const settingsRef = useRef(settings);
  useEffect(() => {
    settingsRef.current = settings;
  }, [settings]);
  useEffect(() => {
    const run = async (): Promise<void> => {
      if (running.current) return;
      running.current = true;
      try {
        const results = await forwardOfflineQueue({ db: getDb(), api, operatorId, settings: () => settingsRef.current });
        if (results.length > 0) setLast(results);
      } finally {
        running.current = false;
      }
    };
    void run();
    const off = api.on('acquirer:link-changed', (p) => {
      if (p.online) void run();
    });
    const timer = window.setInterval(() => void run(), 60_000);
    return () => {
      off();
      window.clearInterval(timer);
    };
  }, [operatorId]);
  return last;
};
