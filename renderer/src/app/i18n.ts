import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { commonStrings } from './strings';
import { namespaces } from './namespaces';

export const LANGUAGES = ['zh-CN', 'en'] as const;

const resources = Object.fromEntries(
  LANGUAGES.map((lng) => [lng, Object.fromEntries([['common', commonStrings[lng]], ...Object.entries(namespaces).map(([ns, strings]) => [ns, strings[lng]])])]),
);

/** i18next is ready (the entry point logs a failure; the strings are bundled, so it never waits on the network). */
export const i18nReady = i18n.use(initReactI18next).init({
  resources,
  lng: 'zh-CN',
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: ['common', ...Object.keys(namespaces)],
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
