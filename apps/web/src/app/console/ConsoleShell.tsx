import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Skeleton, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { signOut, useSignedIn } from '../../features/auth/session';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { Brand } from '../../ui/Brand';
import { consoleNav, selectedNavKey, type NavGroup } from './menu';
import { NotificationBell } from '../../features/notifications/NotificationBell';

const { Sider, Header, Content } = Layout;

function NavMenu({
  groups,
  selected,
  onNavigate,
}: {
  groups: NavGroup[];
  selected?: string;
  onNavigate?: () => void;
}) {
  const { t } = useTranslation();
  const items: MenuProps['items'] = groups.map((group) => {
    const children = group.items.map((item) => ({
      key: item.key,
      icon: item.icon,
      label: (
        <Link to={item.path} data-testid={`menu-${item.key}`} onClick={onNavigate}>
          {t(item.label)}
        </Link>
      ),
    }));
    return group.label
      ? { type: 'group' as const, key: group.key, label: t(group.label), children }
      : { type: 'group' as const, key: group.key, children };
  });
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={items}
      style={{ borderInlineEnd: 'none' }}
      data-testid="console-menu"
    />
  );
}

export function ConsoleShell() {
  const { t } = useTranslation();
  const me = useSignedIn();
  const screens = Grid.useBreakpoint();
  const desktop = screens.lg ?? true;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const groups = useMemo(() => consoleNav(me), [me]);
  const selected = selectedNavKey(groups, location.pathname);

  useEffect(() => {
    setDrawerOpen(false);
  }, [location.pathname]);

  const userMenu: MenuProps = {
    items: [
      {
        key: 'profile',
        icon: <UserOutlined />,
        label: <span data-testid="user-menu-profile">{t('nav.profile')}</span>,
      },
      { type: 'divider' },
      {
        key: 'logout',
        icon: <LogoutOutlined />,
        danger: true,
        label: <span data-testid="logout">{t('nav.logout')}</span>,
      },
    ],
    onClick: ({ key }) => {
      if (key === 'profile') navigate('/app/profile');
      if (key === 'logout') {
        void signOut(client).then(() => navigate('/app/login', { replace: true }));
      }
    },
  };

  return (
    <Layout className="console-layout">
      <ScrollRestoration />
      {desktop ? (
        <Sider
          theme="light"
          width={224}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          className="console-sider"
          data-testid="console-sider"
        >
          <div className="console-brand">
            <Link to="/app">
              <Brand collapsed={collapsed} />
            </Link>
          </div>
          <NavMenu groups={groups} selected={selected} />
        </Sider>
      ) : (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          width={264}
          title={<Brand />}
          styles={{ body: { padding: 0 } }}
          data-testid="console-drawer"
        >
          <NavMenu groups={groups} selected={selected} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Header className="console-header">
          <Space size={8} align="center" style={{ minWidth: 0 }}>
            {desktop ? null : (
              <Button
                type="text"
                icon={<MenuOutlined />}
                onClick={() => setDrawerOpen(true)}
                aria-label={t('nav.openMenu')}
                data-testid="menu-toggle"
              />
            )}
            <Typography.Text strong ellipsis className="console-workspace" data-testid="workspace-name">
              {me.workspace.name}
            </Typography.Text>
          </Space>
          <Space size={4} align="center">
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button type="text" data-testid="user-menu" className="console-user">
                <Avatar size="small" icon={<UserOutlined />} />
                {screens.sm ? <span className="console-user-name">{me.name}</span> : null}
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content className="console-content">
          <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
