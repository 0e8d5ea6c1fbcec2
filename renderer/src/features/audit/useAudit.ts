import { useCallback, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ChainVerdict } from '../../../../shared/domain/audit-chain';
import { getDb } from '../../data/db';
import type { AuditEntry } from '../../data/records';
import { recentAudit, verifyChain } from './audit-log';

export const useAuditTail = (limit: number): AuditEntry[] | undefined => useLiveQuery(() => recentAudit(getDb(), limit), [limit]);

export const useChainCheck = () => {
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async () => {
    setBusy(true);
    setVerdict(await verifyChain(getDb()));
    setBusy(false);
  }, []);
  return { verdict, busy, run };
};
