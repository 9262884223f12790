import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@aftercare/contracts';
import { HomePage } from '../../pages/console/HomePage';
import { NotFoundPage } from '../../pages/NotFoundPage';
import { RequirePermission } from '../../features/auth/RequirePermission';

/** Each page is its own chunk; a page module exports the page as `default`. */
const ProfilePage = lazy(() => import('../../pages/console/ProfilePage'));
const WorkspacePage = lazy(() => import('../../pages/settings/WorkspacePage'));
const ModulesPage = lazy(() => import('../../pages/settings/ModulesPage'));
const UsersPage = lazy(() => import('../../pages/settings/UsersPage'));
const DepartmentsPage = lazy(() => import('../../pages/settings/DepartmentsPage'));
const RolesPage = lazy(() => import('../../pages/settings/RolesPage'));
const TokensPage = lazy(() => import('../../pages/settings/TokensPage'));
const ServiceLevelsPage = lazy(() => import('../../pages/settings/ServiceLevelsPage'));
const CalendarsPage = lazy(() => import('../../pages/settings/CalendarsPage'));
const SlaPoliciesPage = lazy(() => import('../../pages/settings/SlaPoliciesPage'));
const DisciplineSettingsPage = lazy(() => import('../../features/discipline/DisciplineSettingsPage'));
const CustomersPage = lazy(() => import('../../pages/customers/CustomersPage'));
const CustomerDetailPage = lazy(() => import('../../pages/customers/CustomerDetailPage'));
const CustomerFormPage = lazy(() => import('../../pages/customers/CustomerFormPage'));
const ContactsPage = lazy(() => import('../../pages/contacts/ContactsPage'));
const ContactDetailPage = lazy(() => import('../../pages/contacts/ContactDetailPage'));
const ContactFormPage = lazy(() => import('../../pages/contacts/ContactFormPage'));
const ProductsPage = lazy(() => import('../../pages/products/ProductsPage'));
const ProductDetailPage = lazy(() => import('../../pages/products/ProductDetailPage'));
const ProductFormPage = lazy(() => import('../../pages/products/ProductFormPage'));
const OrdersPage = lazy(() => import('../../pages/orders/OrdersPage'));
const OrderDetailPage = lazy(() => import('../../pages/orders/OrderDetailPage'));
const OrderFormPage = lazy(() => import('../../pages/orders/OrderFormPage'));
const OrderImportPage = lazy(() => import('../../pages/orders/OrderImportPage'));
const AssetsPage = lazy(() => import('../../pages/assets/AssetsPage'));
const CasesPage = lazy(() => import('../../pages/cases/CasesPage'));
const CaseFormPage = lazy(() => import('../../pages/cases/CaseFormPage'));
const CaseDetailPage = lazy(() => import('../../pages/cases/CaseDetailPage'));
const AssetDetailPage = lazy(() => import('../../pages/assets/AssetDetailPage'));
const TeamsPage = lazy(() => import('../../pages/teams/TeamsPage'));
const AssignmentRulesPage = lazy(() => import('../../pages/teams/AssignmentRulesPage'));
const WorkloadPage = lazy(() => import('../../pages/teams/WorkloadPage'));
const WebFormPage = lazy(() => import('../../pages/settings/WebFormPage'));
const MacrosPage = lazy(() => import('../../pages/settings/MacrosPage'));
const MailSettingsPage = lazy(() => import('../../pages/settings/MailSettingsPage'));
const WebhooksPage = lazy(() => import('../../features/webhooks/WebhooksPage'));
const BotsPage = lazy(() => import('../../features/bots/BotsPage'));
const MailChannelsPage = lazy(() => import('../../pages/settings/MailChannelsPage'));
const TimeReportPage = lazy(() => import('../../pages/time/TimeReportPage'));
const ReturnsPage = lazy(() => import('../../pages/returns/ReturnsPage'));
const ReturnDetailPage = lazy(() => import('../../pages/returns/ReturnDetailPage'));
const ReturnNewPage = lazy(() => import('../../pages/returns/ReturnNewPage'));
const ReturnSettingsPage = lazy(() => import('../../pages/returns/ReturnSettingsPage'));
const ReturnsReportPage = lazy(() => import('../../pages/returns/ReturnsReportPage'));

const guard = (permission: Permission, page: ReactNode): ReactNode => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
);
const helpdesk = (permission: Permission, page: ReactNode): ReactNode => (
  <RequirePermission permission={permission} module="helpdesk">
    {page}
  </RequirePermission>
);

const returns = (permission: Permission, page: ReactNode): ReactNode => (
  <RequirePermission permission={permission} module="returns">
    {page}
  </RequirePermission>
);

export const consoleRoutes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: 'profile', element: <ProfilePage /> },
  {
    path: 'cases',
    children: [
      { index: true, element: helpdesk('cases.read', <CasesPage />) },
      { path: 'new', element: helpdesk('cases.write', <CaseFormPage />) },
      { path: ':id', element: helpdesk('cases.read', <CaseDetailPage />) },
    ],
  },
  { path: 'time', element: helpdesk('cases.read', <TimeReportPage />) },
  {
    path: 'returns',
    children: [
      { index: true, element: returns('returns.review', <ReturnsPage />) },
      { path: 'report', element: returns('reports.read', <ReturnsReportPage />) },
      { path: 'new', element: returns('returns.manage', <ReturnNewPage />) },
      { path: ':id', element: returns('returns.review', <ReturnDetailPage />) },
    ],
  },
  {
    path: 'customers',
    children: [
      { index: true, element: guard('customers.read', <CustomersPage />) },
      { path: 'new', element: guard('customers.write', <CustomerFormPage />) },
      { path: ':id', element: guard('customers.read', <CustomerDetailPage />) },
      { path: ':id/edit', element: guard('customers.write', <CustomerFormPage />) },
    ],
  },
  {
    path: 'contacts',
    children: [
      { index: true, element: guard('customers.read', <ContactsPage />) },
      { path: 'new', element: guard('customers.write', <ContactFormPage />) },
      { path: ':id', element: guard('customers.read', <ContactDetailPage />) },
      { path: ':id/edit', element: guard('customers.write', <ContactFormPage />) },
    ],
  },
  {
    path: 'products',
    children: [
      { index: true, element: guard('products.read', <ProductsPage />) },
      { path: 'new', element: guard('products.write', <ProductFormPage />) },
      { path: ':id', element: guard('products.read', <ProductDetailPage />) },
      { path: ':id/edit', element: guard('products.write', <ProductFormPage />) },
    ],
  },
  {
    path: 'orders',
    children: [
      { index: true, element: guard('orders.read', <OrdersPage />) },
      { path: 'new', element: guard('orders.write', <OrderFormPage />) },
      { path: 'import', element: guard('orders.import', <OrderImportPage />) },
      { path: ':id', element: guard('orders.read', <OrderDetailPage />) },
    ],
  },
  {
    path: 'assets',
    children: [
      { index: true, element: guard('assets.read', <AssetsPage />) },
      { path: ':id', element: guard('assets.read', <AssetDetailPage />) },
    ],
  },
  {
    path: 'settings',
    children: [
      { path: 'workspace', element: guard('workspace.manage', <WorkspacePage />) },
      { path: 'modules', element: guard('workspace.manage', <ModulesPage />) },
      { path: 'users', element: guard('users.read', <UsersPage />) },
      { path: 'departments', element: guard('users.read', <DepartmentsPage />) },
      { path: 'roles', element: guard('users.read', <RolesPage />) },
      { path: 'tokens', element: guard('tokens.manage', <TokensPage />) },
      { path: 'teams', element: helpdesk('cases.read', <TeamsPage />) },
      { path: 'assignment-rules', element: helpdesk('cases.read', <AssignmentRulesPage />) },
      { path: 'service-levels', element: helpdesk('cases.read', <ServiceLevelsPage />) },
      { path: 'calendars', element: helpdesk('cases.read', <CalendarsPage />) },
      { path: 'sla-policies', element: helpdesk('cases.read', <SlaPoliciesPage />) },
      { path: 'webform', element: helpdesk('workspace.manage', <WebFormPage />) },
      { path: 'macros', element: helpdesk('cases.write', <MacrosPage />) },
      { path: 'mail-channels', element: helpdesk('mail.manage', <MailChannelsPage />) },
      { path: 'discipline', element: helpdesk('sla.manage', <DisciplineSettingsPage />) },
      { path: 'mail', element: helpdesk('mail.settings.manage', <MailSettingsPage />) },
      { path: 'webhooks', element: guard('integrations.manage', <WebhooksPage />) },
      { path: 'bots', element: guard('integrations.manage', <BotsPage />) },
      { path: 'returns', element: returns('returns.manage', <ReturnSettingsPage />) },
    ],
  },
  { path: 'workload', element: helpdesk('cases.read', <WorkloadPage />) },
  { path: '*', element: <NotFoundPage /> },
];
