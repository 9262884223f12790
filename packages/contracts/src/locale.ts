export const Locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof Locales)[number];
export const DefaultLocale: Locale = 'zh-CN';

export function pickLocale(header: string | undefined | null, fallback: Locale = DefaultLocale): Locale {
  if (!header) return fallback;
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return fallback;
}
