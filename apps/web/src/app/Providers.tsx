import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../lib/useLocale';
import { useReducedMotion } from '../lib/useReducedMotion';
import { setLanguage } from '../lib/i18n';
import { useMe } from '../features/auth/session';
import { createQueryClient } from './queryClient';

/** The signed-in person's saved language wins over the device's choice. */
function LanguageFromAccount() {
  const { data: me } = useMe();
  const locale = me?.locale;
  const id = me?.id;
  useEffect(() => {
    if (id && locale) void setLanguage(locale);
  }, [id, locale]);
  return null;
}

function Themed({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const { t } = useTranslation();
  const reducedMotion = useReducedMotion();
  useEffect(() => {
    document.title = t('app.documentTitle');
  }, [t, locale]);
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: '#1677ff', borderRadius: 8, motion: !reducedMotion },
      }}
    >
      <AntApp>
        <LanguageFromAccount />
        {children}
      </AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <Themed>{children}</Themed>
    </QueryClientProvider>
  );
}
