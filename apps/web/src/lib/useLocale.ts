import { useTranslation } from 'react-i18next';
import type { Locale } from '@aftercare/contracts';
import { normalizeLocale } from './i18n';

/** The current UI language as a contracts Locale; re-renders when it changes. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return normalizeLocale(i18n.language);
}
