import { useCallback, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ChainVerdict } from '../../../../shared/domain/audit-chain';
import { auditPage, verifyChain } from '../../data/audit-repo';
import type { AuditPage } from '../../data/audit-repo';
import { useRoot } from '../session/RootContext';
import { auditGroupOf } from './action-names';
import type { AuditGroup } from './action-names';

export const AUDIT_PAGE_SIZE = 50;

/** The audit screen's filters as chosen; times are Unix ms already read in the shop zone. */
export interface AuditFilter {
  group: AuditGroup | null;
  actor: string | null;
  result: 'ok' | 'fail' | null;
  from: number | null;
  to: number | null;
}

export const NO_FILTER: AuditFilter = { group: null, actor: null, result: null, from: null, to: null };

/** One live page of the log below `before` (null: the newest), through the audit repository. */
export const useAuditPage = (filter: AuditFilter, before: number | null): AuditPage | undefined => {
  const { db } = useRoot();
  return useLiveQuery(() => {
    const group = filter.group;
    return auditPage(db, { actor: filter.actor, result: filter.result, from: filter.from, to: filter.to, action: group ? (a) => auditGroupOf(a) === group : null }, before, AUDIT_PAGE_SIZE);
  }, [db, filter.group, filter.actor, filter.result, filter.from, filter.to, before]);
};

export const useChainCheck = () => {
  const { db } = useRoot();
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async () => {
    setBusy(true);
    try {
      setVerdict(await verifyChain(db));
    } finally {
      setBusy(false);
    }
  }, [db]);
  return { verdict, busy, run };
};
