import { parseYuan } from '../../../shared/domain/money';
import type { CountersignDb } from '../data/db';
import type { SaleRecord } from '../data/records';
import { TrainingDamageRefused, damageSignedField, recentSignedTrainingSales } from '../data/training-damage-repo';
import type { DamageRefusal, DamageableField } from '../data/training-damage-repo';

/**
 * The training tool that damages one stored signed field of a training sale (amount, RRN or
 * auth code) without touching its signature, so 校验签名 has something to find (issue 14).
 * Typed input is checked here; the training-link rule is kept by the repository.
 */
export const DAMAGEABLE_FIELDS: readonly DamageableField[] = ['amountFen', 'rrn', 'authCode'];

export type DamageOutcome = { ok: true; sale: SaleRecord } | { ok: false; reason: DamageRefusal | 'invalid-value' };

const parse = (field: DamageableField, text: string): number | string | null => {
  const t = text.trim();
  if (field === 'amountFen') {
    const fen = parseYuan(t);
    return fen !== null && fen > 0 ? fen : null;
  }
  // The shapes the host uses: RRN 12 characters, auth code 6 (letters and digits).
  return (field === 'rrn' ? /^[0-9A-Za-z]{12}$/ : /^[0-9A-Za-z]{6}$/).test(t) ? t : null;
};

export interface TrainingDamageDeps {
  db: CountersignDb;
  operatorId: string;
}

export const damageTrainingSale = async (deps: TrainingDamageDeps, saleId: string, field: DamageableField, text: string): Promise<DamageOutcome> => {
  const value = parse(field, text);
  if (value === null) return { ok: false, reason: 'invalid-value' };
  try {
    const sale = await damageSignedField(deps.db, { saleId, field, value: value, actor: deps.operatorId });
    return { ok: true, sale };
  } catch (error) {
    if (error instanceof TrainingDamageRefused) return { ok: false, reason: error.reason };
    throw error;
  }
};

/** Signed training sales the tool offers, newest first. */
export const damageableSales = (deps: TrainingDamageDeps, limit = 20): Promise<SaleRecord[]> => recentSignedTrainingSales(deps.db, limit);
