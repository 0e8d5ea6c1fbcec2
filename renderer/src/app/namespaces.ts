import { aboutStrings } from '../features/about/i18n';
import { auditStrings } from '../features/audit/i18n';
import { cardReaderStrings } from '../features/card-reader/i18n';
import { loginStrings } from '../features/login/i18n';
import { counterStrings } from '../features/counter/i18n';
import { printerStrings } from '../features/printer/i18n';
import { saleStrings } from '../features/sale/i18n';
import { followUpStrings } from '../features/follow-up/i18n';
import { transactionsStrings } from '../features/transactions/i18n';
import { lookupStrings } from '../features/lookup/i18n';
import { trainingStrings } from '../features/training/i18n';
import { customerStrings } from '../features/customer/i18n';
import { settingsStrings } from '../features/settings/i18n';
import { settlementStrings } from '../features/settlement/i18n';
import { backupStrings } from '../features/backup/i18n';
import { signatureCheckStrings } from '../features/signature-check/i18n';
import { casesStrings } from '../features/cases/i18n';
import { evidenceStrings } from '../features/evidence/i18n';

/** Every feature's strings, by i18next namespace. Each has the same keys in both languages. */
export const namespaces = {
  about: aboutStrings,
  audit: auditStrings,
  cardReader: cardReaderStrings,
  login: loginStrings,
  counter: counterStrings,
  printer: printerStrings,
  sale: saleStrings,
  followUp: followUpStrings,
  transactions: transactionsStrings,
  lookup: lookupStrings,
  training: trainingStrings,
  customer: customerStrings,
  settings: settingsStrings,
  settlement: settlementStrings,
  backup: backupStrings,
  signatureCheck: signatureCheckStrings,
  cases: casesStrings,
  evidence: evidenceStrings,
};
