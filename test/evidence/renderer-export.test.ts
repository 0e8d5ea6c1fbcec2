import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openZipBundle } from '../../shared/domain/evidence/bundle-reader';
import { readText } from '../../shared/domain/evidence/bundle-reader';
import { EXCERPT_FILE, bundlePaths } from '../../shared/domain/evidence/layout';
import { bytesAccess } from '../../shared/domain/evidence/zip-reader';
import { uuidv7 } from '../../shared/domain/ids';
import { applySettingsPatch, defaultSettings } from '../../shared/domain/settings';
import { encodeReceipt } from '../../electron/printer/encode-receipt';
import { RECEIPT_PROFILE, makeWireMain } from './wire-main';
import { TEST_DEVICE_ID } from './bundle-fixture';
import { adoptDeviceId } from '../../renderer/src/data/audit-repo';
import { CountersignDb } from '../../renderer/src/data/db';
import { planFor } from '../../renderer/src/data/sales-query';
import type { Logger } from '../../renderer/src/services/logger';
import { EvidenceExport } from '../../renderer/src/services/evidence/evidence-export';
import { evidenceMessages } from '../../renderer/src/services/evidence/evidence-source';
import { SHOP, storeSignedSale } from '../../renderer/src/services/evidence/evidence-test-records';

/**
 * The renderer's side of the evidence export over a real (fake-indexeddb) database and a
 * stand-in for main that checks every message against the contract and writes the bundle with
 * the real writer: the bundle that comes out must pass the real verifier.
 */
// Outside test-results/evidence/ (the e2e's bundles, signed by a console's own key, for the independent verifier).
const OUT = join('test-results', 'evidence-unit');
const encode = (markup: string): string => encodeReceipt(markup, RECEIPT_PROFILE).sha256;
const settings = applySettingsPatch(defaultSettings(), { shop: SHOP });
const logger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

const make = async (opts: Partial<Parameters<typeof makeWireMain>[0]> = {}) => {
  const db = new CountersignDb(`evidence-export-${uuidv7()}`);
  await adoptDeviceId(db, TEST_DEVICE_ID);
  const main = makeWireMain({ deviceId: TEST_DEVICE_ID, outDir: OUT, ...opts });
  const downloads: string[] = [];
  const service = new EvidenceExport({ db, api: main.api, settings: () => settings, logger, download: (path) => downloads.push(path) });
  return { db, main, service, downloads };
};

const bundleText = async (path: string, name: string): Promise<string> => readText(await openZipBundle(bytesAccess(new Uint8Array(readFileSync(path)))), name);

// Each export writes a real bundle (two PDFs): seconds on a loaded machine.
describe('evidence export (renderer side)', { timeout: 90_000 }, () => {
  it('exports one signed sale with a reprint, a supplementary signature and an attachment into a bundle the verifier accepts', async () => {
    const { db, main, service, downloads } = await make();
    await storeSignedSale(db, { encode });
    const sale = await storeSignedSale(db, { encode, reprint: true, supplementary: true, attachment: new TextEncoder().encode('charged on 2026-12-07, card ending 1232\n') });
    await storeSignedSale(db, { encode });
    const phases: string[] = [];
    service.subscribe(() => phases.push(service.getSnapshot().status.phase));
    const status = await service.start({ kind: 'sale', saleId: sale.id });
    expect(status).toMatchObject({ phase: 'done' });
    expect(phases).toEqual(expect.arrayContaining(['preparing', 'writing', 'finishing', 'done']));
    expect(downloads).toHaveLength(1);
    const bundle = await main.lastBundle();
    expect(bundle?.report.failures).toEqual([]);
    expect(bundle?.report.ok).toBe(true);
    expect(bundle?.report.facts.sales).toEqual([sale.id]);
    expect(bundle?.report.facts.signaturesChecked).toBe(2);
    const saleFile = JSON.parse(await bundleText(bundle?.path ?? '', bundlePaths.sale(sale.id))) as { card: { maskedPan: string }; receipts: Array<{ copy: string; reprint: number }>; attachments: unknown[] };
    expect(saleFile.card.maskedPan).toBe('621234******1232');
    expect(saleFile.receipts.map((r) => `${r.copy}-${r.reprint}`)).toEqual(['merchant-0', 'customer-0', 'merchant-1']);
    expect(saleFile.attachments).toHaveLength(1);
    const excerpt = JSON.parse(await bundleText(bundle?.path ?? '', EXCERPT_FILE)) as { entries: Array<{ objectId: string; tree?: unknown }> };
    // The sale's steps, signatures and prints, and the attachment's entry; no other sale's, no tree nodes.
    expect(excerpt.entries.length).toBeGreaterThanOrEqual(9);
    expect(excerpt.entries.every((e) => e.tree === undefined)).toBe(true);
    const host = JSON.parse(await bundleText(bundle?.path ?? '', bundlePaths.host(sale.id))) as { exchanges: Array<{ requestMti: string; responseMti: string; responseCode: string; rrn: string }> };
    expect(host.exchanges).toEqual([expect.objectContaining({ requestMti: '0200', responseMti: '0210', responseCode: '00', rrn: sale.rrn })]);
  });

  it('streams a selection in batches under the budget, each attachment in ascending parts before the sale that names it', async () => {
    const { db, main } = await make();
    const bytes = new Uint8Array(2500).map((_, i) => 65 + (i % 26));
    const sales = [await storeSignedSale(db, { encode, attachment: bytes }), await storeSignedSale(db, { encode }), await storeSignedSale(db, { encode, attachment: bytes })];
    const checkpoint = { size: await db.audit.count() };
    const messages = [];
    for await (const m of evidenceMessages({ db, api: main.api, shop: () => SHOP, budget: 40_000, partBytes: 1000 }, sales.map((s) => s.id), checkpoint)) messages.push(m);
    const kinds = messages.map((m) => (m.kind === 'part' ? `part@${m.offset}` : m.kind === 'sales' ? `sales×${m.sales.length}` : m.kind));
    expect(kinds.filter((k) => k.startsWith('sales')).length).toBeGreaterThan(1);
    for (const m of messages) if (m.kind === 'sales') expect(JSON.stringify({ exportId: '00000000-0000-4000-8000-000000000001', sales: m.sales }).length).toBeLessThanOrEqual(40_000);
    expect(kinds.slice(0, 3)).toEqual(['part@0', 'part@1000', 'part@2000']);
    const sent = messages.flatMap((m) => (m.kind === 'sales' ? m.sales.map((s) => s.sale.saleId) : []));
    expect(sent).toEqual(sales.map((s) => s.id));
  });

  it('exports a day from the list plan, oldest first, and the bundle verifies', async () => {
    const { db, main, service } = await make();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await storeSignedSale(db, { encode })).id);
    const status = await service.start({ kind: 'plan', plan: planFor('all', { from: 0, to: Date.now() + 60_000 }), name: 'day-2026-12-07' });
    expect(status).toMatchObject({ phase: 'done', written: { sales: 3 } });
    const bundle = await main.lastBundle();
    expect(bundle?.report.ok).toBe(true);
    expect(bundle?.report.facts.sales).toEqual(ids);
  });

  it('a 调单 list export puts the matched sales in time order and counts ids that are gone', async () => {
    const { db, main, service } = await make();
    const a = await storeSignedSale(db, { encode });
    const b = await storeSignedSale(db, { encode });
    const status = await service.start({ kind: 'ids', saleIds: [b.id, a.id, b.id], name: 'list-1' });
    expect(status).toMatchObject({ phase: 'done', written: { sales: 2 } });
    expect((await main.lastBundle())?.report.facts.sales).toEqual([a.id, b.id]);
  });

  it('names the file and the last 4 when main refuses for card data, and tells main to drop the export', async () => {
    const { db, main, service } = await make({ failWith: { command: 'evidence:sales', reason: 'card-data-found', message: 'The export was refused: data/sales/x.json would contain a card number ending 0003. Nothing was written.' } });
    const sale = await storeSignedSale(db, { encode });
    const status = await service.start({ kind: 'sale', saleId: sale.id });
    expect(status).toEqual({ phase: 'failed', reason: 'card-data-found', file: 'data/sales/x.json', last4: '0003', message: expect.any(String) as string });
    expect(main.log.commands).toContain('evidence:cancel');
  });

  it('a cashier is told a manager must export (main refuses)', async () => {
    const { db, service } = await make({ role: 'cashier' });
    const sale = await storeSignedSale(db, { encode });
    expect(await service.start({ kind: 'sale', saleId: sale.id })).toMatchObject({ phase: 'failed', reason: 'manager-needed' });
  });

  it('cancel stops at once and main drops the partial bundle', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { db, main, service } = await make({ gate: (command) => (command === 'evidence:sales' ? held : Promise.resolve()) });
    for (let i = 0; i < 2; i++) await storeSignedSale(db, { encode });
    const running = service.start({ kind: 'plan', plan: planFor('all', {}), name: 'all' });
    await new Promise((r) => setTimeout(r, 200));
    expect(service.getSnapshot().status.phase).toBe('writing');
    service.cancel();
    expect(service.getSnapshot().status.phase).toBe('cancelled');
    release();
    expect(await running).toEqual({ phase: 'cancelled' });
    expect(main.log.commands).toContain('evidence:cancel');
    expect(main.log.commands).not.toContain('evidence:finish');
  });

  it('an empty selection is refused before main is asked to open anything', async () => {
    const { main, service } = await make();
    expect(await service.start({ kind: 'ids', saleIds: ['0190a000-0000-7000-8000-000000000999'], name: 'none' })).toMatchObject({ phase: 'failed', reason: 'empty' });
    expect(main.log.commands).not.toContain('evidence:begin');
  });
});
