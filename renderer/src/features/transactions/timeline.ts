import type { AuditEntry, PrintJobRecord, SignatureRecord } from '../../data/records';

export type TimelineItem =
  | { kind: 'audit'; at: number; key: string; entry: AuditEntry }
  | { kind: 'print'; at: number; key: string; job: PrintJobRecord }
  | { kind: 'signature'; at: number; key: string; signature: SignatureRecord };

/**
 * Audit entries that only restate a print job or a signature record the timeline already shows
 * in full (the job with its copy, reprint number and state; the signature with its kind and reason).
 */
const restated = (entry: AuditEntry): boolean =>
  entry.action === 'receipt.printed' || entry.action === 'receipt.print-failed' || entry.action === 'receipt.reprint' || typeof entry.detail.signatureId === 'string';

/** One ordered history of a sale from its three sources; ties keep audit order first. */
export const buildTimeline = (audit: AuditEntry[], jobs: PrintJobRecord[], signatures: SignatureRecord[]): TimelineItem[] => {
  const items: TimelineItem[] = [
    ...audit.filter((entry) => !restated(entry)).map((entry) => ({ kind: 'audit' as const, at: Date.parse(entry.at), key: `a${entry.seq}`, entry })),
    ...jobs.map((job) => ({ kind: 'print' as const, at: job.updatedAt, key: `p${job.id}`, job })),
    ...signatures.map((signature) => ({ kind: 'signature' as const, at: signature.createdAt, key: `s${signature.id}`, signature })),
  ];
  const rank = { audit: 0, signature: 1, print: 2 } as const;
  return items.sort((a, b) => a.at - b.at || rank[a.kind] - rank[b.kind]);
};
