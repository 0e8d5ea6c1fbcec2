import { useEffect, useRef, useState } from 'react';
import type { CardSummary } from '../../../../shared/ipc/commands/card-reader';
import { api } from '../../api/client';
import type { CardEvent } from '../card-reader/useCardReaders';

/** Swipes while the counter waits for a card: good ones go to `onCard`, the latest outcome is returned. */
export const useSwipes = (onCard: (card: CardSummary) => void): CardEvent | null => {
  const [last, setLast] = useState<CardEvent | null>(null);
  const handler = useRef(onCard);
  useEffect(() => {
    handler.current = onCard;
  }, [onCard]);
  useEffect(() => {
    const offOk = api.on('card-reader:swiped', (summary) => {
      setLast({ ok: true, summary });
      handler.current(summary);
    });
    const offFail = api.on('card-reader:failed', (failure) => setLast({ ok: false, failure }));
    return () => {
      offOk();
      offFail();
    };
  }, []);
  return last;
};
