import { aboutStrings } from '../features/about/i18n';
import { auditStrings } from '../features/audit/i18n';
import { cardReaderStrings } from '../features/card-reader/i18n';
import { loginStrings } from '../features/login/i18n';
import { settingsStrings } from '../features/settings/i18n';

/** Every feature's strings, by i18next namespace. Each has the same keys in both languages. */
export const namespaces = {
  about: aboutStrings,
  audit: auditStrings,
  cardReader: cardReaderStrings,
  login: loginStrings,
  settings: settingsStrings,
};
