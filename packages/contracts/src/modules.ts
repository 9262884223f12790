/** Modules an admin switches on and off per workspace. Core records (customers, orders…) are always on. */
export const ModuleKeys = [
  'helpdesk',
  'returns',
  'deliveries',
  'visits',
  'surveys',
  'knowledge',
  'forum',
  'announcements',
  'care',
  'contracts',
  'reports',
] as const;
export type ModuleKey = (typeof ModuleKeys)[number];
