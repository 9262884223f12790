import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { Brand } from '../../ui/Brand';

/** The centered card every sign-in, sign-up and password page sits in. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="auth-page">
      <div className="auth-topbar">
        <Brand />
        <LanguageSwitch />
      </div>
      <div className="auth-center">
        <Card className="auth-card" variant="borderless">
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {title}
          </Typography.Title>
          {subtitle ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
              {subtitle}
            </Typography.Paragraph>
          ) : (
            <div style={{ height: 16 }} />
          )}
          {children}
        </Card>
        {footer ? <div className="auth-footer">{footer}</div> : null}
        <Typography.Text type="secondary" className="auth-copyright">
          {t('app.tagline')}
        </Typography.Text>
      </div>
    </div>
  );
}
