import type { ReactNode } from 'react';
import {
  ApiOutlined,
  ApartmentOutlined,
  AppstoreAddOutlined,
  AppstoreOutlined,
  BarChartOutlined,
  BranchesOutlined,
  CalendarOutlined,
  ClusterOutlined,
  RobotOutlined,
  ContactsOutlined,
  CustomerServiceOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FormOutlined,
  HddOutlined,
  HomeOutlined,
  PieChartOutlined,
  RollbackOutlined,
  KeyOutlined,
  MailOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Me, ModuleKey, Permission } from '@aftercare/contracts';
import { hasPermission } from '../../features/auth/session';

export interface NavItem {
  key: string;
  path: string;
  icon: ReactNode;
  /** i18n key of the label */
  label: string;
  permission?: Permission;
  module?: ModuleKey;
}

export interface NavGroup {
  key: string;
  /** i18n key of the group title; none for the first, untitled group */
  label?: string;
  items: NavItem[];
}

export function dashboardEnabled(me: Me): boolean {
  return me.workspace.modules.reports && hasPermission(me, 'reports.read');
}

/** The console's menu, filtered by the signed-in person's permissions and the workspace's modules. */
export function consoleNav(me: Me): NavGroup[] {
  const groups: NavGroup[] = [
    {
      key: 'main',
      items: [
        dashboardEnabled(me)
          ? { key: 'dashboard', path: '/app', icon: <DashboardOutlined />, label: 'nav.dashboard' }
          : { key: 'dashboard', path: '/app', icon: <HomeOutlined />, label: 'nav.home' },
        {
          key: 'cases',
          path: '/app/cases',
          icon: <CustomerServiceOutlined />,
          label: 'nav.cases',
          permission: 'cases.read',
          module: 'helpdesk',
        },
        {
          key: 'workload',
          path: '/app/workload',
          icon: <BarChartOutlined />,
          label: 'teams.nav.workload',
          permission: 'cases.read',
          module: 'helpdesk',
        },
        {
          key: 'time',
          path: '/app/time',
          icon: <ClockCircleOutlined />,
          label: 'time.menu',
          permission: 'cases.read',
          module: 'helpdesk',
        },
        {
          key: 'returns',
          path: '/app/returns',
          icon: <RollbackOutlined />,
          label: 'returns.nav',
          permission: 'returns.review',
          module: 'returns',
        },
        {
          key: 'returns-report',
          path: '/app/returns/report',
          icon: <PieChartOutlined />,
          label: 'returns.reportNav',
          permission: 'reports.read',
          module: 'returns',
        },
        {
          key: 'customers',
          path: '/app/customers',
          icon: <TeamOutlined />,
          label: 'nav.customers',
          permission: 'customers.read',
        },
        {
          key: 'contacts',
          path: '/app/contacts',
          icon: <ContactsOutlined />,
          label: 'nav.contacts',
          permission: 'customers.read',
        },
        {
          key: 'products',
          path: '/app/products',
          icon: <AppstoreOutlined />,
          label: 'nav.products',
          permission: 'products.read',
        },
        {
          key: 'orders',
          path: '/app/orders',
          icon: <ShoppingCartOutlined />,
          label: 'nav.orders',
          permission: 'orders.read',
        },
        {
          key: 'assets',
          path: '/app/assets',
          icon: <HddOutlined />,
          label: 'nav.assets',
          permission: 'assets.read',
        },
      ],
    },
    {
      key: 'settings',
      label: 'nav.settings',
      items: [
        {
          key: 'workspace',
          path: '/app/settings/workspace',
          icon: <SettingOutlined />,
          label: 'nav.workspace',
          permission: 'workspace.manage',
        },
        {
          key: 'returns-settings',
          path: '/app/settings/returns',
          icon: <RollbackOutlined />,
          label: 'returns.settingsNav',
          permission: 'returns.manage',
          module: 'returns',
        },
        {
          key: 'service-levels',
          path: '/app/settings/service-levels',
          icon: <FieldTimeOutlined />,
          label: 'serviceLevels.nav',
          permission: 'cases.read',
          module: 'helpdesk',
        },
        {
          key: 'sla-policies',
          path: '/app/settings/sla-policies',
          icon: <FieldTimeOutlined />,
          label: 'slaPolicies.nav',
          permission: 'cases.read',
          module: 'helpdesk',
        },
        {
          key: 'calendars',
          path: '/app/settings/calendars',
          icon: <CalendarOutlined />,
          label: 'calendars.nav',
          permission: 'cases.read',
          module: 'helpdesk',
        },
        {
          key: 'modules',
          path: '/app/settings/modules',
          icon: <AppstoreAddOutlined />,
          label: 'nav.modules',
          permission: 'workspace.manage',
        },
        {
          key: 'users',
          path: '/app/settings/users',
          icon: <UserOutlined />,
          label: 'nav.users',
          permission: 'users.read',
        },
        {
          key: 'departments',
          path: '/app/settings/departments',
          icon: <ApartmentOutlined />,
          label: 'nav.departments',
          permission: 'users.read',
        },
        {
          key: 'roles',
          path: '/app/settings/roles',
          icon: <SafetyCertificateOutlined />,
          label: 'nav.roles',
          permission: 'users.read',
        },
        {
          key: 'teams',
          path: '/app/settings/teams',
          icon: <ClusterOutlined />,
          label: 'teams.nav.teams',
          permission: 'cases.read',
          module: 'helpdesk',
        },
        {
          key: 'assignment-rules',
          path: '/app/settings/assignment-rules',
          icon: <BranchesOutlined />,
          label: 'teams.nav.rules',
          permission: 'cases.read',
          module: 'helpdesk',
        },
        {
          key: 'tokens',
          path: '/app/settings/tokens',
          icon: <KeyOutlined />,
          label: 'nav.tokens',
          permission: 'tokens.manage',
        },
        {
          key: 'webform',
          path: '/app/settings/webform',
          icon: <FormOutlined />,
          label: 'webform.menu',
          permission: 'workspace.manage',
          module: 'helpdesk',
        },
        {
          key: 'mail-channels',
          path: '/app/settings/mail-channels',
          icon: <MailOutlined />,
          label: 'mailChannels.menu',
          permission: 'mail.manage',
          module: 'helpdesk',
        },
        {
          key: 'macros',
          path: '/app/settings/macros',
          icon: <ThunderboltOutlined />,
          label: 'macros.menu',
          permission: 'cases.write',
          module: 'helpdesk',
        },
        {
          key: 'discipline',
          path: '/app/settings/discipline',
          icon: <FieldTimeOutlined />,
          label: 'disc.settings.nav',
          permission: 'sla.manage',
          module: 'helpdesk',
        },
        {
          key: 'mail-outbound',
          path: '/app/settings/mail',
          icon: <MailOutlined />,
          label: 'mailOut.menu',
          permission: 'mail.settings.manage',
          module: 'helpdesk',
        },
        {
          key: 'webhooks',
          path: '/app/settings/webhooks',
          icon: <ApiOutlined />,
          label: 'webhooks.menu',
          permission: 'integrations.manage',
        },
        {
          key: 'bots',
          path: '/app/settings/bots',
          icon: <RobotOutlined />,
          label: 'bots.menu',
          permission: 'integrations.manage',
        },
      ],
    },
  ];
  return groups
    .map((group) => ({
      ...group,
      items: group.items.filter(
        (item) =>
          (!item.permission || hasPermission(me, item.permission)) &&
          (!item.module || me.workspace.modules[item.module]),
      ),
    }))
    .filter((group) => group.items.length > 0);
}

/** The menu entry a path belongs to: the longest matching path prefix. */
export function selectedNavKey(groups: NavGroup[], pathname: string): string | undefined {
  let best: NavItem | undefined;
  for (const item of groups.flatMap((g) => g.items)) {
    const matches =
      item.path === '/app' ? pathname === '/app' || pathname === '/app/' : pathname.startsWith(item.path);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}
