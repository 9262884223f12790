import { Alert, Button, Form, Input, Result } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '@aftercare/contracts';
import { api, isApiError } from '../../lib/api';
import { applyFieldErrors } from '../../lib/useApiError';
import { AuthLayout } from '../../features/auth/AuthLayout';
import { PasswordFields } from '../../features/auth/PasswordFields';
import { useStoreMe } from '../../features/auth/session';
import { areaLogin, landingPath, type Area } from '../../features/auth/paths';

interface Values {
  name?: string;
  password: string;
}

/** Reset a forgotten password, or accept an invitation: both redeem a token from an emailed link. */
export function TokenPasswordPage({ area, purpose }: { area: Area; purpose: 'reset' | 'invite' }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const store = useStoreMe();
  const path =
    purpose === 'reset'
      ? '/auth/reset-password'
      : area === 'portal'
        ? '/portal/auth/accept-invite'
        : '/auth/accept-invite';
  const redeem = useMutation({
    mutationFn: (values: Values) =>
      api.post<Me>(path, {
        token,
        password: values.password,
        ...(purpose === 'invite' && area !== 'portal' && values.name?.trim()
          ? { name: values.name.trim() }
          : {}),
      }),
    onSuccess: (me) => {
      store(me);
      navigate(landingPath(me, area, null), { replace: true });
    },
    onError: (error) => {
      if (isApiError(error, 'validation_failed')) applyFieldErrors(form, error);
    },
  });

  const title = purpose === 'reset' ? t('auth.resetTitle') : t('auth.acceptTitle');
  const subtitle = purpose === 'reset' ? t('auth.resetSubtitle') : t('auth.acceptSubtitle');
  const loginPath = areaLogin[area];

  if (!token || (redeem.error && isApiError(redeem.error, 'token_invalid'))) {
    return (
      <AuthLayout title={title}>
        <div data-testid="token-invalid">
          <Result
            status="warning"
            title={t('auth.linkInvalidTitle')}
            subTitle={isApiError(redeem.error) ? redeem.error.message : t('auth.linkMissing')}
            extra={
              <Link to={purpose === 'reset' ? loginPath.replace('login', 'forgot-password') : loginPath}>
                {purpose === 'reset' ? t('auth.requestNewLink') : t('auth.backToLogin')}
              </Link>
            }
          />
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={title} subtitle={subtitle}>
      {redeem.isError &&
      (!isApiError(redeem.error, 'validation_failed') || redeem.error.fieldErrors.length === 0) ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={isApiError(redeem.error) ? redeem.error.message : t('errors.unexpected')}
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => redeem.mutate(v)}>
        {purpose === 'invite' && area !== 'portal' ? (
          <Form.Item name="name" label={t('auth.yourName')} extra={t('auth.yourNameHelp')}>
            <Input size="large" autoComplete="name" data-testid="accept-name" />
          </Form.Item>
        ) : null}
        <PasswordFields testId={purpose === 'reset' ? 'reset-password' : 'accept-password'} />
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={redeem.isPending}
          data-testid={purpose === 'reset' ? 'reset-submit' : 'accept-submit'}
        >
          {purpose === 'reset' ? t('auth.setPassword') : t('auth.acceptButton')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
