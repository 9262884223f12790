import { Alert, Button, Form, Input, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import type { Locale, Me } from '@aftercare/contracts';
import { api, isApiError } from '../../lib/api';
import { applyFieldErrors } from '../../lib/useApiError';
import { LANGUAGES } from '../../lib/i18n';
import { useLocale } from '../../lib/useLocale';
import { AuthLayout } from '../../features/auth/AuthLayout';
import { PasswordFields } from '../../features/auth/PasswordFields';
import { useMe, useStoreMe } from '../../features/auth/session';

interface Values {
  companyName: string;
  slug: string;
  name: string;
  email: string;
  password: string;
  locale: Locale;
}

const SLUG = /^[a-z0-9][a-z0-9-]*[a-z0-9]$/;

/** A readable slug suggestion from a Latin company name (Chinese names leave it to the user). */
function suggestSlug(company: string): string {
  return company
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

export function SignupPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const locale = useLocale();
  const navigate = useNavigate();
  const store = useStoreMe();
  const { data: me } = useMe();
  const signup = useMutation({
    mutationFn: ({ password, companyName, slug, name, email, locale: lang }: Values) =>
      api.post<Me>('/auth/signup', {
        companyName: companyName.trim(),
        slug: slug.trim(),
        name: name.trim(),
        email: email.trim(),
        password,
        locale: lang,
      }),
    onSuccess: (created) => {
      store(created);
      navigate('/app', { replace: true });
    },
    onError: (error) => {
      if (isApiError(error, 'validation_failed')) applyFieldErrors(form, error);
      if (isApiError(error, 'duplicate')) form.setFields([{ name: 'slug', errors: [error.message] }]);
    },
  });

  if (me?.kind === 'staff') return <Navigate to="/app" replace />;
  const err = signup.error;
  const showAlert =
    signup.isError &&
    !(isApiError(err, 'validation_failed') && err.fieldErrors.length > 0) &&
    !isApiError(err, 'duplicate');

  return (
    <AuthLayout
      title={t('auth.signupTitle')}
      subtitle={t('auth.signupSubtitle')}
      footer={
        <span>
          {t('auth.haveAccount')} <Link to="/app/login">{t('auth.loginLink')}</Link>
        </span>
      }
    >
      {showAlert ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={isApiError(err) ? err.message : t('errors.unexpected')}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ locale }}
        onFinish={(v) => signup.mutate(v)}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.companyName !== undefined && !form.isFieldTouched('slug')) {
            form.setFieldValue('slug', suggestSlug(changed.companyName));
          }
        }}
      >
        <Form.Item
          name="companyName"
          label={t('auth.companyName')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input size="large" autoComplete="organization" data-testid="signup-company" />
        </Form.Item>
        <Form.Item
          name="slug"
          label={t('auth.workspace')}
          extra={t('auth.slugHelp')}
          rules={[
            { required: true, message: t('validation.required') },
            { min: 2, max: 40, message: t('validation.slug') },
            { pattern: SLUG, message: t('validation.slug') },
          ]}
        >
          <Input size="large" data-testid="signup-slug" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('auth.yourName')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input size="large" autoComplete="name" data-testid="signup-name" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('auth.email')}
          rules={[
            { required: true, message: t('validation.required') },
            { type: 'email', message: t('validation.email') },
          ]}
        >
          <Input size="large" autoComplete="email" inputMode="email" data-testid="signup-email" />
        </Form.Item>
        <PasswordFields label={t('auth.password')} testId="signup-password" />
        <Form.Item name="locale" label={t('profile.language')}>
          <Select size="large" options={LANGUAGES} data-testid="signup-locale" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={signup.isPending}
          data-testid="signup-submit"
        >
          {t('auth.signupButton')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
