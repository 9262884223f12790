import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  subtitle,
  extra,
  tags,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  tags?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div className="page-header-main">
        <Space wrap size={8} align="center">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {tags}
        </Space>
        {subtitle ? (
          <Typography.Text type="secondary" className="page-header-subtitle">
            {subtitle}
          </Typography.Text>
        ) : null}
      </div>
      {extra ? (
        <Space wrap className="page-header-extra">
          {extra}
        </Space>
      ) : null}
    </div>
  );
}
