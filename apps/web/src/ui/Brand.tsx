import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function Brand({ collapsed = false, light = false }: { collapsed?: boolean; light?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={8} align="center" className="brand">
      <img src="/icon.svg" alt="" width={28} height={28} />
      {collapsed ? null : (
        <Typography.Text strong style={{ fontSize: 16, color: light ? '#fff' : undefined }}>
          {t('app.name')}
        </Typography.Text>
      )}
    </Space>
  );
}
