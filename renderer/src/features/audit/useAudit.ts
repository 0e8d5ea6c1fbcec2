import { useCallback, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ChainVerdict } from '../../../../shared/domain/audit-chain';
import type { AuditEntry } from '../../data/records';
import { recentAudit, verifyChain } from '../../data/audit-repo';
import { useRoot } from '../session/RootContext';

export const useAuditTail = (limit: number): AuditEntry[] | undefined => {
  const { db } = useRoot();
  return useLiveQuery(() => recentAudit(db, limit), [db, limit]);
};

export const useChainCheck = () => {
  const { db } = useRoot();
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async () => {
    setBusy(true);
    setVerdict(await verifyChain(db));
    setBusy(false);
  }, [db]);
  return { verdict, busy, run };
};
