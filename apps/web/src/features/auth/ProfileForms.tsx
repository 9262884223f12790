import { App, Button, Card, Descriptions, Form, Input, Radio } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Locale, Me } from '@aftercare/contracts';
import { api } from '../../lib/api';
import { LANGUAGES } from '../../lib/i18n';
import { useLocale } from '../../lib/useLocale';
import { useApiError } from '../../lib/useApiError';
import { PasswordFields } from './PasswordFields';
import { useSignedIn, useStoreMe } from './session';
import { useChangeLanguage } from './useChangeLanguage';

/** Own name, email (read only) and language; the language applies and is saved at once. */
export function ProfileCard() {
  const { t } = useTranslation();
  const me = useSignedIn();
  const store = useStoreMe();
  const locale = useLocale();
  const changeLanguage = useChangeLanguage();
  const { message } = App.useApp();
  const handleError = useApiError();
  const [form] = Form.useForm<{ name: string }>();
  const save = useMutation({
    mutationFn: (values: { name: string }) => api.patch<Me>('/auth/me', { name: values.name.trim() }),
    onSuccess: (updated) => {
      store(updated);
      void message.success(t('common.saved'));
    },
    onError: (error) => handleError(error, { form }),
  });
  return (
    <Card title={t('profile.title')} style={{ marginBottom: 16 }}>
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('auth.email')}>{me.email}</Descriptions.Item>
        {me.kind === 'contact' && me.customer ? (
          <Descriptions.Item label={t('portal.company')}>{me.customer.name}</Descriptions.Item>
        ) : (
          <Descriptions.Item label={t('profile.workspace')}>{me.workspace.name}</Descriptions.Item>
        )}
      </Descriptions>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: me.name }}
        onFinish={(values) => save.mutate(values)}
        style={{ maxWidth: 480 }}
      >
        <Form.Item
          name="name"
          label={t('profile.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input data-testid="profile-name" autoComplete="name" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="profile-save">
            {t('common.save')}
          </Button>
        </Form.Item>
      </Form>
      <Form layout="vertical" style={{ maxWidth: 480 }}>
        <Form.Item label={t('profile.language')} extra={t('profile.languageHelp')}>
          <Radio.Group
            value={locale}
            optionType="button"
            buttonStyle="solid"
            onChange={(e) => changeLanguage(e.target.value as Locale)}
            data-testid="profile-language"
          >
            {LANGUAGES.map((l) => (
              <Radio.Button key={l.value} value={l.value} data-testid={`profile-language-${l.value}`}>
                {l.label}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
      </Form>
    </Card>
  );
}

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
}

export function PasswordCard() {
  const { t } = useTranslation();
  const store = useStoreMe();
  const { message } = App.useApp();
  const handleError = useApiError();
  const [form] = Form.useForm<PasswordValues>();
  const change = useMutation({
    mutationFn: (values: PasswordValues) =>
      api.patch<Me>('/auth/me', { currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: (updated) => {
      store(updated);
      form.resetFields();
      void message.success(t('profile.passwordChanged'));
    },
    onError: (error) => handleError(error, { form }),
  });
  return (
    <Card title={t('profile.passwordTitle')}>
      <Form<PasswordValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => change.mutate(values)}
        style={{ maxWidth: 480 }}
      >
        <Form.Item
          name="currentPassword"
          label={t('profile.currentPassword')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <PasswordFields name="newPassword" testId="password-new" size="middle" />
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-save">
            {t('profile.changePassword')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
