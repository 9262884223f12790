import { Alert, Button, Card, Col, Row, Typography } from 'antd';
import {
  AppstoreAddOutlined,
  CloudUploadOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
  UserAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Permission } from '@aftercare/contracts';
import { hasPermission, useSignedIn } from '../../features/auth/session';

interface Shortcut {
  key: string;
  to: string;
  icon: ReactNode;
  title: string;
  text: string;
  permission?: Permission;
}

export function WelcomePage() {
  const { t } = useTranslation();
  const me = useSignedIn();
  const shortcuts: Shortcut[] = [
    {
      key: 'customers',
      to: '/app/customers',
      icon: <TeamOutlined />,
      title: t('welcome.customersTitle'),
      text: t('welcome.customersText'),
      permission: 'customers.read',
    },
    {
      key: 'orders',
      to: '/app/orders',
      icon: <ShoppingCartOutlined />,
      title: t('welcome.ordersTitle'),
      text: t('welcome.ordersText'),
      permission: 'orders.read',
    },
    {
      key: 'import',
      to: '/app/orders/import',
      icon: <CloudUploadOutlined />,
      title: t('welcome.importTitle'),
      text: t('welcome.importText'),
      permission: 'orders.import',
    },
    {
      key: 'invite',
      to: '/app/settings/users?invite=1',
      icon: <UserAddOutlined />,
      title: t('welcome.inviteTitle'),
      text: t('welcome.inviteText'),
      permission: 'users.manage',
    },
    {
      key: 'modules',
      to: '/app/settings/modules',
      icon: <AppstoreAddOutlined />,
      title: t('welcome.modulesTitle'),
      text: t('welcome.modulesText'),
      permission: 'workspace.manage',
    },
    {
      key: 'profile',
      to: '/app/profile',
      icon: <UserOutlined />,
      title: t('welcome.profileTitle'),
      text: t('welcome.profileText'),
    },
  ];
  const visible = shortcuts.filter((s) => !s.permission || hasPermission(me, s.permission));
  return (
    <div data-testid="welcome">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('welcome.title', { name: me.name })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('welcome.subtitle', { workspace: me.workspace.name })}
      </Typography.Paragraph>
      {!me.workspace.modules.reports && hasPermission(me, 'workspace.manage') ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('welcome.reportsOff')}
          action={
            <Link to="/app/settings/modules">
              <Button size="small" type="primary">
                {t('welcome.turnOn')}
              </Button>
            </Link>
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        {visible.map((s) => (
          <Col key={s.key} xs={24} sm={12} xl={8}>
            <Link to={s.to} data-testid={`shortcut-${s.key}`}>
              <Card hoverable style={{ height: '100%' }}>
                <Card.Meta
                  avatar={<span style={{ fontSize: 28, color: '#1677ff' }}>{s.icon}</span>}
                  title={s.title}
                  description={s.text}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}
