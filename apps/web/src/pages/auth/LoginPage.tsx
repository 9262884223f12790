import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, MailOutlined, ApartmentOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '@aftercare/contracts';
import { api, isApiError } from '../../lib/api';
import { applyFieldErrors } from '../../lib/useApiError';
import { AuthLayout } from '../../features/auth/AuthLayout';
import { useMe, useStoreMe } from '../../features/auth/session';
import { areaKind, landingPath, type Area } from '../../features/auth/paths';
import { FullPageSpin } from '../../ui/FullPageSpin';

interface LoginValues {
  email: string;
  password: string;
  workspace?: string;
}

const WORKSPACE_KEY = 'aftercare.workspace';

function rememberedWorkspace(): string | undefined {
  try {
    return window.localStorage.getItem(WORKSPACE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function LoginPage({ area }: { area: Area }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginValues>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const store = useStoreMe();
  const { data: me, isPending } = useMe();
  // Someone who had to name their workspace before will likely need to again: show the field at once.
  const [needWorkspace, setNeedWorkspace] = useState(() => !!rememberedWorkspace());
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const next = params.get('next');

  const login = useMutation({
    mutationFn: (values: LoginValues) =>
      api.post<Me>(area === 'portal' ? '/portal/auth/login' : '/auth/login', {
        email: values.email.trim(),
        password: values.password,
        ...(values.workspace?.trim() ? { workspace: values.workspace.trim() } : {}),
      }),
    onSuccess: (signedIn, values) => {
      if (values.workspace?.trim()) {
        try {
          window.localStorage.setItem(WORKSPACE_KEY, values.workspace.trim());
        } catch {
          // not remembered; harmless
        }
      }
      store(signedIn);
      navigate(landingPath(signedIn, area, next), { replace: true });
    },
    onError: (err) => {
      if (isApiError(err, 'workspace_required')) {
        setNeedWorkspace(true);
        setError(null);
        setNotice(err.message);
        return;
      }
      if (isApiError(err, 'validation_failed')) {
        const unplaced = applyFieldErrors(form, err);
        setError(unplaced.length ? err.message : null);
        return;
      }
      setError(isApiError(err) ? err.message : t('errors.unexpected'));
    },
  });

  if (isPending) return <FullPageSpin />;
  if (me && me.kind === areaKind(area)) return <Navigate to={landingPath(me, area, next)} replace />;

  const title =
    area === 'portal'
      ? t('auth.portalLoginTitle')
      : area === 'm'
        ? t('auth.mobileLoginTitle')
        : t('auth.loginTitle');
  const subtitle =
    area === 'portal'
      ? t('auth.portalLoginSubtitle')
      : area === 'm'
        ? t('auth.mobileLoginSubtitle')
        : t('auth.loginSubtitle');
  const forgotPath = area === 'portal' ? '/portal/forgot-password' : '/app/forgot-password';

  return (
    <AuthLayout
      title={title}
      subtitle={subtitle}
      footer={
        area === 'app' ? (
          <Typography.Text>
            {t('auth.noAccount')} <Link to="/app/signup">{t('auth.signupLink')}</Link>
          </Typography.Text>
        ) : null
      }
    >
      {error ? (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />
      ) : null}
      {notice && !error ? (
        <Alert
          type="info"
          showIcon
          message={notice}
          style={{ marginBottom: 16 }}
          data-testid="login-notice"
        />
      ) : null}
      <Form<LoginValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ workspace: rememberedWorkspace() }}
        onFinish={(values) => login.mutate(values)}
        onValuesChange={() => setError(null)}
        data-testid="login-form"
      >
        <Form.Item
          name="email"
          label={t('auth.email')}
          rules={[
            { required: true, message: t('validation.required') },
            { type: 'email', message: t('validation.email') },
          ]}
        >
          <Input
            prefix={<MailOutlined />}
            autoComplete="username"
            inputMode="email"
            size="large"
            data-testid="login-email"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            size="large"
            data-testid="login-password"
          />
        </Form.Item>
        {needWorkspace ? (
          <Form.Item
            name="workspace"
            label={t('auth.workspace')}
            extra={t('auth.workspaceHelp')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input prefix={<ApartmentOutlined />} size="large" autoFocus data-testid="login-workspace" />
          </Form.Item>
        ) : null}
        <div className="auth-row-end">
          <Link to={forgotPath} data-testid="login-forgot">
            {t('auth.forgotLink')}
          </Link>
        </div>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={login.isPending}
          data-testid="login-submit"
        >
          {t('auth.loginButton')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
