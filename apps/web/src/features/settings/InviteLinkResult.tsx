import { Alert, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../ui/CopyField';

/** The invitation link, shown because email delivery may not be configured. */
export function InviteLinkResult({
  email,
  url,
  testId = 'invite-link',
}: {
  email?: string | null;
  url: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Alert
        type="success"
        showIcon
        message={email ? t('users.inviteSentTo', { email }) : t('users.inviteReady')}
        description={t('users.inviteLinkHelp')}
      />
      <div>
        <Typography.Text strong>{t('users.inviteLink')}</Typography.Text>
        <div style={{ marginTop: 8 }}>
          <CopyField value={url} testId={testId} />
        </div>
      </div>
    </Space>
  );
}
