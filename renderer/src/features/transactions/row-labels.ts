import type { TFunction } from 'i18next';
import { zonedParts } from '../../../../shared/domain/time-zone';
import type { SaleKind, SaleRecord, SaleState, SignatureState } from '../../data/records';
import { transactionsStrings } from './i18n';

/**
 * Every string a list row shows, translated once per language, so a row renders without
 * calling into i18next (a translation with values costs more than the rest of the row).
 */
export interface RowLabels {
  time: (ms: number) => string;
  state: Record<SaleState, string>;
  signature: Record<SignatureState, string>;
  kind: Record<SaleKind, string>;
  followUp: string;
  card: (last4: string) => string;
  noCard: string;
}

const keys = <K extends string>(o: Record<K, string>): K[] => Object.keys(o) as K[];

const table = <K extends string>(ks: readonly K[], label: (k: K) => string): Record<K, string> => Object.fromEntries(ks.map((k) => [k, label(k)])) as Record<K, string>;

/** Stands for a value in a translated pattern (a character no translation uses). */
const SLOT = '\u241f';
const TIME_PARTS = ['month', 'day', 'hour', 'minute', 'second'] as const;
const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The row's time in the shop zone from a translated pattern, not Intl: the first
 * Intl.DateTimeFormat of a page loads the locale's ICU data (tens of ms), which would land on
 * the list's first render (zonedParts needs none for a zone without daylight saving).
 */
const timeFormat = (pattern: string, zone: string): ((ms: number) => string) => {
  const parts = pattern.split(new RegExp(`${SLOT}(\\d)`));
  return (ms) => {
    const d = zonedParts(ms, zone);
    const values = [two(d.month), two(d.day), two(d.hour), two(d.minute), two(d.second)];
    let out = '';
    for (let i = 0; i < parts.length; i++) out += i % 2 === 0 ? (parts[i] ?? '') : (values[Number(parts[i])] ?? '');
    return out;
  };
};

export const rowLabels = (t: TFunction<'transactions'>, zone: string): RowLabels => {
  const en = transactionsStrings.en;
  // Translated once with slot markers where the values go; a row only joins strings.
  const [before = '', after = ''] = t('row.card', { last4: SLOT }).split(SLOT);
  const time = t('row.time', Object.fromEntries(TIME_PARTS.map((p, i) => [p, `${SLOT}${i}`])));
  return {
    time: timeFormat(time, zone),
    state: table(keys(en.state), (k) => t(`state.${k}`)),
    signature: table(keys(en.signature), (k) => t(`signature.${k}`)),
    kind: table(keys(en.kind), (k) => t(`kind.${k}`)),
    followUp: t('filters.follow-up'),
    card: (last4) => before + last4 + after,
    noCard: t('row.noCard'),
  };
};

/** The chip colour of a state; states without one are drawn plain. */
export const STATE_TONE: Partial<Record<SaleRecord['state'], 'success' | 'error' | 'warning' | 'info'>> = {
  approved: 'success',
  declined: 'error',
  unknown: 'warning',
  authorizing: 'warning',
  'offline-accepted': 'info',
  forwarding: 'info',
};
