import { Button, Tooltip } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../lib/useLocale';
import { useChangeLanguage } from '../features/auth/useChangeLanguage';

/** Toggles between 中文 and English; the label names the language it switches to. */
export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' | 'link' }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const change = useChangeLanguage();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <Tooltip title={t('common.switchLanguage')}>
      <Button
        type={type}
        icon={<TranslationOutlined />}
        data-testid="lang-switch"
        data-lang={locale}
        aria-label={t('common.switchLanguage')}
        onClick={() => change(next)}
      >
        {next === 'en' ? 'English' : '中文'}
      </Button>
    </Tooltip>
  );
}
