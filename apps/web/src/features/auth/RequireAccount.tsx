import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageSpin } from '../../ui/FullPageSpin';
import { QueryError } from '../../ui/QueryError';
import { areaHome, areaKind, areaLogin, type Area } from './paths';
import { useMe } from './session';

/** Renders the area only for a signed-in person of the right kind; others go to its sign-in page. */
export function RequireAccount({ area }: { area: Area }) {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageSpin />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!me) {
    const next = `${location.pathname}${location.search}`;
    const home = areaHome[area];
    const to = next === home ? areaLogin[area] : `${areaLogin[area]}?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  if (me.kind !== areaKind(area)) {
    return <Navigate to={me.kind === 'contact' ? areaHome.portal : areaHome.app} replace />;
  }
  return <Outlet />;
}
