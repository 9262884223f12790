import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { RequireAccount } from '../features/auth/RequireAccount';
import { LoginPage } from '../pages/auth/LoginPage';
import { ForgotPasswordPage } from '../pages/auth/ForgotPasswordPage';
import { TokenPasswordPage } from '../pages/auth/TokenPasswordPage';
import { SignupPage } from '../pages/auth/SignupPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { ConsoleShell } from './console/ConsoleShell';
import { ConfirmAgreementPage } from '../features/discipline/ConfirmAgreementPage';
import { consoleRoutes } from './console/routes';
import { PortalShell } from './portal/PortalShell';
import { MobileShell } from './mobile/MobileShell';
import { RouteError } from './RouteError';
import { FullPageSpin } from '../ui/FullPageSpin';

const PortalHomePage = lazy(() => import('../pages/portal/PortalHomePage'));
const PortalProfilePage = lazy(() => import('../pages/portal/PortalProfilePage'));
const PortalCasesPage = lazy(() => import('../pages/portal/PortalCasesPage'));
const PortalCaseNewPage = lazy(() => import('../pages/portal/PortalCaseNewPage'));
const PortalCaseDetailPage = lazy(() => import('../pages/portal/PortalCaseDetailPage'));
const PortalReturnsPage = lazy(() => import('../pages/portal/PortalReturnsPage'));
const PortalReturnNewPage = lazy(() => import('../pages/portal/PortalReturnNewPage'));
const PortalReturnDetailPage = lazy(() => import('../pages/portal/PortalReturnDetailPage'));
const TodayPage = lazy(() => import('../pages/mobile/TodayPage'));
const MobileCustomersPage = lazy(() => import('../pages/mobile/MobileCustomersPage'));
const MobileCustomerPage = lazy(() => import('../pages/mobile/MobileCustomerPage'));
const MobileMePage = lazy(() => import('../pages/mobile/MobileMePage'));
const PublicFormPage = lazy(() => import('../pages/webform/PublicFormPage'));

/** One app, three areas: /app (staff console), /portal (customer contacts), /m (phones of field staff). */
export const router = createBrowserRouter([
  { path: '/', element: <Navigate to="/app" replace /> },
  {
    path: '/app',
    errorElement: <RouteError />,
    children: [
      { path: 'login', element: <LoginPage area="app" /> },
      { path: 'signup', element: <SignupPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage area="app" /> },
      { path: 'reset-password', element: <TokenPasswordPage area="app" purpose="reset" /> },
      { path: 'accept-invite', element: <TokenPasswordPage area="app" purpose="invite" /> },
      {
        element: <RequireAccount area="app" />,
        children: [{ element: <ConsoleShell />, children: consoleRoutes }],
      },
    ],
  },
  {
    path: '/portal',
    errorElement: <RouteError />,
    children: [
      { path: 'login', element: <LoginPage area="portal" /> },
      { path: 'forgot-password', element: <ForgotPasswordPage area="portal" /> },
      { path: 'reset-password', element: <TokenPasswordPage area="portal" purpose="reset" /> },
      { path: 'accept-invite', element: <TokenPasswordPage area="portal" purpose="invite" /> },
      { path: 'confirm', element: <ConfirmAgreementPage /> },
      {
        element: <RequireAccount area="portal" />,
        children: [
          {
            element: <PortalShell />,
            children: [
              { index: true, element: <PortalHomePage /> },
              { path: 'profile', element: <PortalProfilePage /> },
              { path: 'cases', element: <PortalCasesPage /> },
              { path: 'cases/new', element: <PortalCaseNewPage /> },
              { path: 'cases/:id', element: <PortalCaseDetailPage /> },
              { path: 'returns', element: <PortalReturnsPage /> },
              { path: 'returns/new', element: <PortalReturnNewPage /> },
              { path: 'returns/:id', element: <PortalReturnDetailPage /> },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
  {
    path: '/m',
    errorElement: <RouteError />,
    children: [
      { path: 'login', element: <LoginPage area="m" /> },
      {
        element: <RequireAccount area="m" />,
        children: [
          {
            element: <MobileShell />,
            children: [
              { index: true, element: <TodayPage /> },
              { path: 'customers', element: <MobileCustomersPage /> },
              { path: 'customers/:id', element: <MobileCustomerPage /> },
              { path: 'me', element: <MobileMePage /> },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
  {
    path: '/form/:slug',
    errorElement: <RouteError />,
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PublicFormPage />
      </Suspense>
    ),
  },
  { path: '*', element: <NotFoundPage /> },
]);
