import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { sealEntry } from '../../../shared/domain/audit-chain';
import { uuidv7 } from '../../../shared/domain/ids';
import { TreeBuilder } from '../../../shared/domain/merkle-builder';
import { AUDIT_HEAD_KEY, auditDeviceId, auditTreeHead } from '../data/audit-repo';
import { CountersignDb } from '../data/db';
import type { AuditEntry, SaleRecord } from '../data/records';

/**
 * The evidence export's benchmark history (bench/evidence-export.bench.ts): `n` past sales of
 * this console, each with its two audit steps chained onto the log as it stands (this device's
 * id, the Merkle tree nodes and the head's frontier carried on), bulk-loaded into the app's own
 * database after the first run, so the console then exports one new sale from a log of that size.
 */
const seedHistory = async (n: number): Promise<{ seedMs: number; entries: number }> => {
  const started = performance.now();
  const db = new CountersignDb(undefined, 'relaxed');
  await db.open();
  const device = (await auditDeviceId(db)) ?? 'bench';
  const head = await auditTreeHead(db);
  const tree = TreeBuilder.resume(head.frontier.map(hexToBytes), head.seq);
  let seq = head.seq;
  let prev = head.hash;
  const now = Date.now();
  const t0 = now - (n + 3600) * 1000;
  const counts = new Map<string, number>();
  for (let start = 0; start < n; start += 10_000) {
    const sales: SaleRecord[] = [];
    const entries: AuditEntry[] = [];
    for (let i = start; i < Math.min(n, start + 10_000); i++) {
      const createdAt = t0 + i * 1000;
      const last4 = String(1000 + (i % 9000));
      const id = uuidv7(createdAt);
      const stan = String(i % 1_000_000).padStart(6, '0');
      sales.push({
        id, kind: 'sale', originalSaleId: null, createdAt, updatedAt: createdAt, version: 3, operatorId: 'bench', amountFen: 100 + ((i * 7919) % 500_000), state: 'approved', signatureState: 'signed',
        card: { maskedPan: `************${last4}`, bin: null, last4, brand: 'unionpay', entryMode: 'hid-swipe', chip: false, fingerprint: `fp${i % 5000}` }, last4, fingerprint: `fp${i % 5000}`,
        reference: `R${i}`, note: '', stan, batch: '000001', authCode: stan, rrn: String(i).padStart(12, '0'), responseCode: '00', channel: 'online', linkId: 'training', sealed: null,
        offlineQueuedAt: null, forwardedAt: null, forwardAttempts: 0, reversalCode: null, signatureForced: false, followUp: 'none', openCases: 0,
      });
      for (const [action, detail] of [['sale.authorizing', { stan, linkId: 'training' }], ['sale.approved', { responseCode: '00' }]] as const) {
        seq += 1;
        const e: AuditEntry = sealEntry({ seq, id: uuidv7(now), at: new Date(now).toISOString(), actor: 'bench', action, objectType: 'sale', objectId: id, result: 'ok', device, detail: { ...detail }, prevHash: prev });
        const done = tree.push(hexToBytes(e.hash));
        if (done.length > 0) e.tree = done.map(bytesToHex);
        prev = e.hash;
        entries.push(e);
      }
      for (const key of ['state:approved', 'signature:signed', 'followUp:none', 'kind:sale']) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    await db.transaction('rw', db.sales, db.audit, async () => {
      await db.sales.bulkAdd(sales);
      await db.audit.bulkAdd(entries);
    });
  }
  await db.transaction('rw', db.settings, db.counters, async () => {
    await db.settings.put({ key: AUDIT_HEAD_KEY, value: { seq, hash: prev, frontier: tree.frontier().map(bytesToHex) }, updatedAt: Date.now() });
    for (const [key, value] of counts) {
      const had = (await db.counters.get(key))?.value ?? 0;
      await db.counters.put({ key, value: had + value });
    }
  });
  db.close();
  return { seedMs: performance.now() - started, entries: seq - head.seq };
};

declare global {
  interface Window {
    countersignEvidenceBench?: { seedHistory: typeof seedHistory };
  }
}

window.countersignEvidenceBench = { seedHistory };
