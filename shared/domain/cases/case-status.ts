/**
 * A case's status: open → evidence sent → won / lost / withdrawn / refunded. A decided case can be
 * reopened (the bank writes again). Every change names who and why (the audit log keeps both).
 */
export const CASE_STATUSES = ['open', 'evidence-sent', 'won', 'lost', 'withdrawn', 'refunded'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which the case is still being worked (counted open, shown in 有争议, given a due date). */
export const ACTIVE_STATUSES: readonly CaseStatus[] = ['open', 'evidence-sent'];
export const isActive = (status: CaseStatus): boolean => ACTIVE_STATUSES.includes(status);

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['evidence-sent', 'won', 'lost', 'withdrawn', 'refunded'],
  'evidence-sent': ['evidence-sent', 'won', 'lost', 'withdrawn', 'refunded', 'open'],
  won: ['open'],
  lost: ['open'],
  withdrawn: ['open'],
  refunded: ['open'],
};

export const canMove = (from: CaseStatus, to: CaseStatus): boolean => NEXT[from].includes(to);
export const nextStatuses = (from: CaseStatus): readonly CaseStatus[] => NEXT[from];

export type DueState = 'none' | 'ok' | 'due-soon' | 'overdue';

/** Due soon: within this much of the deadline. */
export const DUE_SOON_MS = 2 * 86_400_000;

/** How a case stands against its deadline at `now` (decided cases have none). */
export const dueState = (c: { status: CaseStatus; dueAt: number | null }, now: number): DueState => {
  if (!isActive(c.status) || c.dueAt === null) return 'none';
  if (now >= c.dueAt) return 'overdue';
  return c.dueAt - now <= DUE_SOON_MS ? 'due-soon' : 'ok';
};

/** Whole days and hours left (negative when overdue), for the countdown. */
export const countdown = (dueAt: number, now: number): { overdue: boolean; days: number; hours: number } => {
  const ms = Math.abs(dueAt - now);
  return { overdue: now >= dueAt, days: Math.floor(ms / 86_400_000), hours: Math.floor((ms % 86_400_000) / 3_600_000) };
};
