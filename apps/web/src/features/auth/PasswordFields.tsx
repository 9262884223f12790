import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Limits } from '@aftercare/contracts';

/** New password + confirmation, with the server's minimum length. */
export function PasswordFields({
  name = 'password',
  label,
  testId = 'password',
  size = 'large',
}: {
  name?: string;
  label?: string;
  testId?: string;
  size?: 'large' | 'middle';
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={name}
        label={label ?? t('auth.newPassword')}
        extra={t('auth.passwordHint', { count: Limits.passwordMin })}
        rules={[
          { required: true, message: t('validation.required') },
          { min: Limits.passwordMin, message: t('validation.passwordMin', { count: Limits.passwordMin }) },
        ]}
        hasFeedback
      >
        <Input.Password autoComplete="new-password" size={size} data-testid={`${testId}-input`} />
      </Form.Item>
      <Form.Item
        name={`${name}Confirm`}
        label={t('auth.confirmPassword')}
        dependencies={[name]}
        hasFeedback
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator(_, value: unknown) {
              if (!value || getFieldValue(name) === value) return Promise.resolve();
              return Promise.reject(new Error(t('validation.passwordMismatch')));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" size={size} data-testid={`${testId}-confirm`} />
      </Form.Item>
    </>
  );
}
