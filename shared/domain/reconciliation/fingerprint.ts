/**
 * Row fingerprints for idempotent imports: the same row (same cells) in another file — an
 * overlapping download, the statement as CSV after the XLSX — is recognised and not added again,
 * while a row repeated inside one file (a real duplicate charge) keeps its repeats apart by
 * occurrence. A 64-bit hash (two 32-bit lanes) of the normalized cells: not for security, only
 * to recognise rows; fast enough for 100,000 rows at import time.
 */
const lane = (text: string, seed: number): number => {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
};

export const hash64 = (text: string): string => lane(text, 0x811c9dc5).toString(16).padStart(8, '0') + lane(text, 0x050c5d1f ^ text.length).toString(16).padStart(8, '0');

/** What identifies a row whatever file it came in: its meaning, not its spelling (yuan vs fen, CSV vs XLSX). */
export interface RowIdentity {
  side: string;
  day: string;
  at: number | null;
  amountFen: number;
  feeFen: number | null;
  rrn: string | null;
  terminal: string | null;
  trace: string | null;
  last4: string | null;
  memo: string | null;
  kind: string;
}

const identity = (r: RowIdentity): string => [r.side, r.day, r.at ?? '', r.amountFen, r.feeFen ?? '', r.rrn ?? '', r.terminal ?? '', r.trace ?? '', r.last4 ?? '', (r.memo ?? '').normalize('NFKC').trim(), r.kind].join('\u0001');

/** Fingerprints of a file's rows in order: the k-th repeat of a row inside the file gets `#k`. */
export const fingerprints = (rows: readonly RowIdentity[]): string[] => {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const h = hash64(identity(r));
    const k = seen.get(h) ?? 0;
    seen.set(h, k + 1);
    return `${h}#${k}`;
  });
};
