import { Skeleton, Typography } from 'antd';
import { CalendarOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, ScrollRestoration, useLocation } from 'react-router';

interface Tab {
  key: string;
  to: string;
  icon: ReactNode;
  label: string;
}

/** Phone-first shell for field staff and drivers: a title bar and a bottom tab bar. */
export function MobileShell() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const tabs: Tab[] = [
    { key: 'today', to: '/m', icon: <CalendarOutlined />, label: t('mobile.today') },
    { key: 'customers', to: '/m/customers', icon: <TeamOutlined />, label: t('nav.customers') },
    { key: 'me', to: '/m/me', icon: <UserOutlined />, label: t('mobile.me') },
  ];
  const current = pathname.startsWith('/m/customers')
    ? 'customers'
    : pathname.startsWith('/m/me')
      ? 'me'
      : 'today';
  const title = tabs.find((tab) => tab.key === current)?.label ?? '';
  return (
    <div className="m-shell" data-testid="mobile-shell">
      <ScrollRestoration />
      <header className="m-header">
        <img src="/icon.svg" alt="" width={24} height={24} style={{ borderRadius: 6, background: '#fff' }} />
        <Typography.Title level={1} className="m-header-title">
          {title}
        </Typography.Title>
      </header>
      <main className="m-main">
        <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
          <Outlet />
        </Suspense>
      </main>
      <nav className="m-tabbar" aria-label={t('mobile.tabs')}>
        {tabs.map((tab) => (
          <NavLink
            key={tab.key}
            to={tab.to}
            end={tab.key === 'today'}
            className={() => `m-tab${current === tab.key ? ' active' : ''}`}
            data-testid={`m-tab-${tab.key}`}
          >
            {tab.icon}
            <span>{tab.label}</span>
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
