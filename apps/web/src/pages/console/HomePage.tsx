import { lazy } from 'react';
import { useSignedIn } from '../../features/auth/session';
import { dashboardEnabled } from '../../app/console/menu';
import { WelcomePage } from './WelcomePage';

const DashboardPage = lazy(() => import('./DashboardPage'));

/** /app: the dashboard when the reports module is on (and the user may read reports), else a welcome. */
export function HomePage() {
  const me = useSignedIn();
  return dashboardEnabled(me) ? <DashboardPage /> : <WelcomePage />;
}
