import { useCallback, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ChainVerdict } from '../../../../shared/domain/audit-chain';
import { getDb } from '../../data/db';
import { auditGroupOf } from './action-names';
import type { AuditGroup } from './action-names';
import { auditPage, verifyChain } from './audit-log';
import type { AuditPage } from './audit-log';

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
export const useAuditPage = (filter: AuditFilter, before: number | null): AuditPage | undefined =>
  useLiveQuery(() => {
    const group = filter.group;
    return auditPage(getDb(), { actor: filter.actor, result: filter.result, from: filter.from, to: filter.to, action: group ? (a) => auditGroupOf(a) === group : null }, before, AUDIT_PAGE_SIZE);
  }, [filter.group, filter.actor, filter.result, filter.from, filter.to, before]);

export const useChainCheck = () => {
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async () => {
    setBusy(true);
    try {
      setVerdict(await verifyChain(getDb()));
    } finally {
      setBusy(false);
    }
  }, []);
  return { verdict, busy, run };
};
