import { TRAINING_LINK } from '../../../shared/domain/link-id';
import type { CountersignDb } from './db';
import type { SaleRecord } from './records';
import { saleTables, updateSale } from './sales-repo';

/**
 * The training screen's "damage a signed field" tool (issue 14): changes one signed field of a
 * training sale as stored, leaving its signature records alone, so a trainee sees 校验签名 fail
 * and practises the remedy. Only a sale taken on the training link (RULES 13a): a live sale is
 * refused inside the same transaction that would change it. The change is audited as a
 * training action with the old and new value, like every other change of a sale.
 */
export type DamageableField = 'amountFen' | 'rrn' | 'authCode';

export type DamageRefusal = 'not-found' | 'live-link' | 'unchanged';

export class TrainingDamageRefused extends Error {
  constructor(readonly reason: DamageRefusal) {
    super(`training damage refused: ${reason}`);
    this.name = 'TrainingDamageRefused';
  }
}

export const damageSignedField = <F extends DamageableField>(db: CountersignDb, input: { saleId: string; field: F; value: SaleRecord[F]; actor: string }): Promise<SaleRecord> =>
  db.transaction('rw', saleTables(db), async () => {
    const sale = await db.sales.get(input.saleId);
    if (!sale) throw new TrainingDamageRefused('not-found');
    if (sale.linkId !== TRAINING_LINK) throw new TrainingDamageRefused('live-link');
    const oldValue = sale[input.field];
    if (oldValue === input.value) throw new TrainingDamageRefused('unchanged');
    return updateSale(db, sale.id, { [input.field]: input.value }, { actor: input.actor, action: 'training.signed-field-damaged', detail: { field: input.field, oldValue, newValue: input.value } });
  });

/** Recent signed training sales, newest first: what the tool offers to damage. */
export const recentSignedTrainingSales = async (db: CountersignDb, limit: number): Promise<SaleRecord[]> => {
  const rows = await db.sales.where('[signatureState+createdAt]').between(['signed', -Infinity], ['signed', Infinity]).reverse().limit(limit * 4).toArray();
  return rows.filter((s) => s.linkId === TRAINING_LINK).slice(0, limit);
};
