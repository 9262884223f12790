import { Button, Popconfirm } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export function DeleteButton({
  onConfirm,
  loading,
  description,
  testId,
}: {
  onConfirm: () => void;
  loading?: boolean;
  description?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Popconfirm
      title={t('common.confirmDelete')}
      description={description ?? t('common.confirmDeleteText')}
      okText={t('common.delete')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={onConfirm}
    >
      <Button danger icon={<DeleteOutlined />} loading={loading} data-testid={testId}>
        {t('common.delete')}
      </Button>
    </Popconfirm>
  );
}
