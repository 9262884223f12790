import { Button, Card, Descriptions, Radio } from 'antd';
import { DesktopOutlined, LogoutOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Locale } from '@aftercare/contracts';
import { LANGUAGES } from '../../lib/i18n';
import { useLocale } from '../../lib/useLocale';
import { signOut, useSignedIn } from '../../features/auth/session';
import { useChangeLanguage } from '../../features/auth/useChangeLanguage';

export default function MobileMePage() {
  const { t } = useTranslation();
  const me = useSignedIn();
  const locale = useLocale();
  const change = useChangeLanguage();
  const client = useQueryClient();
  const navigate = useNavigate();
  return (
    <div data-testid="m-me">
      <Card className="m-card" variant="borderless">
        <Descriptions column={1} size="small" title={me.name}>
          <Descriptions.Item label={t('auth.email')}>{me.email}</Descriptions.Item>
          <Descriptions.Item label={t('profile.workspace')}>{me.workspace.name}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="m-card" variant="borderless" title={t('profile.language')}>
        <Radio.Group
          value={locale}
          onChange={(e) => change(e.target.value as Locale)}
          optionType="button"
          buttonStyle="solid"
          size="large"
          style={{ display: 'flex' }}
          data-testid="m-language"
        >
          {LANGUAGES.map((l) => (
            <Radio.Button
              key={l.value}
              value={l.value}
              style={{ flex: 1, textAlign: 'center' }}
              data-testid={`m-language-${l.value}`}
            >
              {l.label}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Card>
      <Link to="/app">
        <Button block size="large" icon={<DesktopOutlined />} style={{ marginBottom: 12 }}>
          {t('mobile.openConsole')}
        </Button>
      </Link>
      <Button
        block
        danger
        size="large"
        icon={<LogoutOutlined />}
        data-testid="m-logout"
        onClick={() => void signOut(client).then(() => navigate('/m/login', { replace: true }))}
      >
        {t('nav.logout')}
      </Button>
    </div>
  );
}
