import { formatFen, parseYuan } from '../../../../shared/domain/money';
import type { FieldSpec } from './fields';

/** A group's edits: field key → the text (or switch) as the manager left it. */
export type Draft = Record<string, string | boolean>;

/** A stored value as the form shows it: money in yuan, USB ids in hex. */
export const toText = (spec: FieldSpec, value: unknown): string => {
  if (spec.kind.type === 'fen') return formatFen(Number(value));
  if (spec.kind.type === 'hex16') return value === null ? '' : Number(value).toString(16).padStart(4, '0');
  return String(value);
};

/** The form's text as the value to store; the host validates it (bad text becomes NaN and is refused). */
export const fromText = (spec: FieldSpec, text: string): unknown => {
  switch (spec.kind.type) {
    case 'fen':
      return parseYuan(text) ?? Number.NaN;
    case 'int':
      return /^\s*-?\d+\s*$/.test(text) ? Number.parseInt(text, 10) : Number.NaN;
    case 'hex16':
      return text.trim() === '' ? null : Number.parseInt(text, 16);
    case 'select':
      return typeof spec.kind.options[0] === 'number' ? Number(text) : text;
    default:
      return text;
  }
};

/** The fields whose edited value differs from what is stored now: exactly what the save sends. */
export const changedValues = (fields: readonly FieldSpec[], current: Record<string, unknown>, draft: Draft): Record<string, unknown> => {
  const changed: Record<string, unknown> = {};
  for (const spec of fields) {
    if (!(spec.key in draft)) continue;
    const raw = draft[spec.key];
    const value = typeof raw === 'boolean' ? raw : fromText(spec, raw ?? '');
    if (!Object.is(value, current[spec.key])) changed[spec.key] = value;
  }
  return changed;
};

/** The group's field a host validation error names (`patch.general.idleLockMinutes`), if any. */
export const fieldOfError = (fields: readonly FieldSpec[], path: string | undefined): string | null => {
  if (!path) return null;
  const last = path.split('.').pop() ?? '';
  return fields.some((f) => f.key === last && path.includes(`${f.section}.`)) ? last : null;
};
