import type { TFunction } from 'i18next';

const KNOWN = ['wrong-key', 'damaged', 'not-a-backup', 'not-found', 'foreign', 'newer-format', 'schema', 'audit', 'unknown-table', 'disk-full', 'not-verified'];

/** A backup or restore failure, translated by its reason (RULES 19: it names what was wrong). */
export const backupErrorText = (t: TFunction<'backup'>, error: { reason: string; message: string }): string =>
  KNOWN.includes(error.reason) ? t(`errors.${error.reason}` as 'errors.damaged', { message: error.message }) : t('errors.other', { message: error.message });
