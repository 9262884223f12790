import { Button, Form, Input, Result } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { useApiError } from '../../lib/useApiError';
import { AuthLayout } from '../../features/auth/AuthLayout';
import { areaLogin, type Area } from '../../features/auth/paths';

interface Values {
  email: string;
  workspace?: string;
}

export function ForgotPasswordPage({ area }: { area: Area }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const handleError = useApiError();
  const [showWorkspace, setShowWorkspace] = useState(false);
  const send = useMutation({
    mutationFn: (values: Values) =>
      api.post(area === 'portal' ? '/portal/auth/forgot-password' : '/auth/forgot-password', {
        email: values.email.trim(),
        ...(values.workspace?.trim() ? { workspace: values.workspace.trim() } : {}),
      }),
    onError: (error) => handleError(error, { form }),
  });
  const loginPath = areaLogin[area];

  return (
    <AuthLayout
      title={t('auth.forgotTitle')}
      subtitle={send.isSuccess ? undefined : t('auth.forgotSubtitle')}
    >
      {send.isSuccess ? (
        <div data-testid="forgot-sent">
          <Result
            status="success"
            title={t('auth.forgotSentTitle')}
            subTitle={t('auth.forgotSentText')}
            extra={<Link to={loginPath}>{t('auth.backToLogin')}</Link>}
          />
        </div>
      ) : (
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => send.mutate(v)}>
          <Form.Item
            name="email"
            label={t('auth.email')}
            rules={[
              { required: true, message: t('validation.required') },
              { type: 'email', message: t('validation.email') },
            ]}
          >
            <Input size="large" autoComplete="username" inputMode="email" data-testid="forgot-email" />
          </Form.Item>
          {showWorkspace ? (
            <Form.Item name="workspace" label={t('auth.workspace')} extra={t('auth.workspaceHelp')}>
              <Input size="large" data-testid="forgot-workspace" />
            </Form.Item>
          ) : (
            <Button
              type="link"
              style={{ padding: 0, marginBottom: 16 }}
              onClick={() => setShowWorkspace(true)}
            >
              {t('auth.severalWorkspaces')}
            </Button>
          )}
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={send.isPending}
            data-testid="forgot-submit"
          >
            {t('auth.sendResetLink')}
          </Button>
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <Link to={loginPath}>{t('auth.backToLogin')}</Link>
          </div>
        </Form>
      )}
    </AuthLayout>
  );
}
