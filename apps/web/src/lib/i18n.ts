import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import relativeTime from 'dayjs/plugin/relativeTime';
import type { Locale } from '@aftercare/contracts';
import zhCNBase from '../locales/zh-CN.json';
import enBase from '../locales/en.json';
import { configureApi } from './api';

dayjs.extend(relativeTime);

type Messages = { [key: string]: string | Messages };

/**
 * Features may keep their texts beside their code in `features/<domain>/locales/<lang>.json`; they are merged
 * over the shared files (one key tree per language), so parallel work on features never edits one file.
 */
const featureFiles = import.meta.glob<Messages>('../features/*/locales/*.json', {
  eager: true,
  import: 'default',
});

function merge(into: Messages, from: Messages): Messages {
  for (const [key, value] of Object.entries(from)) {
    const current = into[key];
    into[key] =
      typeof value === 'object' && typeof current === 'object' ? merge({ ...current }, value) : value;
  }
  return into;
}

function messagesFor(lang: Locale, base: Messages): Messages {
  let merged: Messages = { ...base };
  for (const [path, messages] of Object.entries(featureFiles)) {
    if (path.endsWith(`/${lang}.json`)) merged = merge(merged, messages);
  }
  return merged;
}

const zhCN = messagesFor('zh-CN', zhCNBase);
const en = messagesFor('en', enBase);

export const LANGUAGES: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

const STORAGE_KEY = 'aftercare.lang';

export function normalizeLocale(value: string | null | undefined): Locale {
  if (!value) return 'zh-CN';
  return value.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

function initialLanguage(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored) return normalizeLocale(stored);
  } catch {
    // Storage may be unavailable (private mode); fall back to the browser language.
  }
  const browser = window.navigator.language;
  return browser && browser.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

function applyDocumentLanguage(lang: Locale): void {
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang;
}

const lang = initialLanguage();
applyDocumentLanguage(lang);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: lang,
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
});

configureApi({
  language: () => currentLocale(),
  networkMessage: () => i18n.t('errors.network'),
});

export function currentLocale(): Locale {
  return normalizeLocale(i18n.language);
}

/** Switches the UI language (texts, antd, dayjs) and remembers it on this device. */
export async function setLanguage(next: Locale): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // ignore: the choice still applies to this tab
  }
  applyDocumentLanguage(next);
  if (normalizeLocale(i18n.language) !== next) await i18n.changeLanguage(next);
}

export default i18n;
