import { Button, Dropdown, Grid, Layout, Menu, Skeleton, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  CustomerServiceOutlined,
  HomeOutlined,
  LogoutOutlined,
  MenuOutlined,
  RollbackOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { signOut, useSignedIn } from '../../features/auth/session';
import { LanguageSwitch } from '../../ui/LanguageSwitch';

const { Header, Content, Footer } = Layout;

/** The customer portal: a simple top navigation under the company's name. */
export function PortalShell() {
  const { t } = useTranslation();
  const me = useSignedIn();
  const screens = Grid.useBreakpoint();
  const wide = screens.md ?? true;
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const helpdesk = me.workspace.modules.helpdesk;
  const selected = location.pathname.startsWith('/portal/profile')
    ? 'profile'
    : location.pathname.startsWith('/portal/cases')
      ? 'cases'
      : location.pathname.startsWith('/portal/returns')
        ? 'returns'
        : 'home';
  const returns = me.workspace.modules.returns;
  const logout = () => void signOut(client).then(() => navigate('/portal/login', { replace: true }));

  const navItems: MenuProps['items'] = [
    {
      key: 'home',
      icon: <HomeOutlined />,
      label: (
        <Link to="/portal" data-testid="portal-nav-home">
          {t('portal.home')}
        </Link>
      ),
    },
    ...(helpdesk
      ? [
          {
            key: 'cases',
            icon: <CustomerServiceOutlined />,
            label: (
              <Link to="/portal/cases" data-testid="portal-nav-cases">
                {t('portalCases.nav')}
              </Link>
            ),
          },
        ]
      : []),
    ...(returns
      ? [
          {
            key: 'returns',
            icon: <RollbackOutlined />,
            label: (
              <Link to="/portal/returns" data-testid="portal-nav-returns">
                {t('returns.portal.nav')}
              </Link>
            ),
          },
        ]
      : []),
    {
      key: 'profile',
      icon: <UserOutlined />,
      label: (
        <Link to="/portal/profile" data-testid="portal-nav-profile">
          {t('nav.profile')}
        </Link>
      ),
    },
  ];

  return (
    <Layout className="portal-layout">
      <ScrollRestoration />
      <Header className="portal-header">
        <Space size={12} align="center" style={{ minWidth: 0, flex: wide ? undefined : 1 }}>
          <img src="/icon.svg" alt="" width={28} height={28} />
          <Typography.Text
            strong
            ellipsis
            style={{ fontSize: 16, maxWidth: wide ? 360 : '48vw' }}
            data-testid="portal-company-name"
          >
            {me.customer?.name ?? me.workspace.name}
          </Typography.Text>
        </Space>
        {wide ? (
          <Menu
            mode="horizontal"
            selectedKeys={[selected]}
            items={navItems}
            style={{ flex: 1, minWidth: 0, borderBottom: 'none', marginInlineStart: 24 }}
          />
        ) : null}
        <Space size={4}>
          <LanguageSwitch />
          {wide ? (
            <Button type="text" icon={<LogoutOutlined />} onClick={logout} data-testid="logout">
              {t('nav.logout')}
            </Button>
          ) : (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'home', icon: <HomeOutlined />, label: t('portal.home') },
                  ...(helpdesk
                    ? [
                        {
                          key: 'cases',
                          icon: <CustomerServiceOutlined />,
                          label: <span data-testid="portal-nav-cases">{t('portalCases.nav')}</span>,
                        },
                      ]
                    : []),
                  ...(returns
                    ? [{ key: 'returns', icon: <RollbackOutlined />, label: t('returns.portal.nav') }]
                    : []),
                  { key: 'profile', icon: <UserOutlined />, label: t('nav.profile') },
                  { type: 'divider' },
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    danger: true,
                    label: <span data-testid="logout">{t('nav.logout')}</span>,
                  },
                ],
                onClick: ({ key }) => {
                  if (key === 'home') navigate('/portal');
                  if (key === 'cases') navigate('/portal/cases');
                  if (key === 'returns') navigate('/portal/returns');
                  if (key === 'profile') navigate('/portal/profile');
                  if (key === 'logout') logout();
                },
              }}
            >
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('nav.openMenu')}
                data-testid="portal-menu"
              />
            </Dropdown>
          )}
        </Space>
      </Header>
      <Content className="portal-content">
        <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
          <Outlet />
        </Suspense>
      </Content>
      <Footer style={{ textAlign: 'center', color: '#8c8c8c', fontSize: 12 }}>
        {t('portal.footer', { workspace: me.workspace.name })}
      </Footer>
    </Layout>
  );
}
