import type { Me } from '@aftercare/contracts';

/** The three route trees of the app. */
export type Area = 'app' | 'portal' | 'm';

export const areaHome: Record<Area, string> = { app: '/app', portal: '/portal', m: '/m' };
export const areaLogin: Record<Area, string> = {
  app: '/app/login',
  portal: '/portal/login',
  m: '/m/login',
};

export function areaKind(area: Area): Me['kind'] {
  return area === 'portal' ? 'contact' : 'staff';
}

/** Where a freshly signed-in person lands: the `next` page when it belongs to their area, else its home. */
export function landingPath(me: Me, area: Area, next: string | null): string {
  const home = me.kind === 'contact' ? areaHome.portal : area === 'm' ? areaHome.m : areaHome.app;
  if (
    next &&
    next.startsWith(`${home}`) &&
    !next.startsWith('//') &&
    !/\/(login|signup|accept-invite|reset-password|forgot-password)/.test(next)
  ) {
    return next;
  }
  return home;
}
