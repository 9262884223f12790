/** Permissions a staff role grants. Routes declare one of these (or a public/portal access). */
export const Permissions = [
  'workspace.manage',
  'users.read',
  'users.manage',
  'customers.read',
  'customers.write',
  'products.read',
  'products.write',
  'orders.read',
  'orders.write',
  'orders.import',
  'assets.read',
  'assets.write',
  'audit.read',
  'tokens.manage',
  'reports.read',
  'cases.read',
  'cases.write',
  'sla.manage',
  'teams.manage',
  'macros.manage',
  'time.manage',
  'contracts.manage',
  'mail.settings.manage',
  'integrations.manage',
  'mail.manage',
  'returns.review',
  'returns.manage',
] as const;
export type Permission = (typeof Permissions)[number];

const read: Permission[] = [
  'users.read',
  'customers.read',
  'products.read',
  'orders.read',
  'assets.read',
  'audit.read',
  'cases.read',
];

/** Roles every new workspace gets; admins can add their own. */
export const BuiltInRoles: Record<
  'admin' | 'manager' | 'agent' | 'viewer',
  { name: { 'zh-CN': string; en: string }; permissions: Permission[] }
> = {
  admin: { name: { 'zh-CN': '管理员', en: 'Administrator' }, permissions: [...Permissions] },
  manager: {
    name: { 'zh-CN': '服务经理', en: 'Service manager' },
    permissions: [
      ...read,
      'customers.write',
      'products.write',
      'orders.write',
      'orders.import',
      'assets.write',
      'reports.read',
      'tokens.manage',
      'cases.write',
      'sla.manage',
      'teams.manage',
      'macros.manage',
      'time.manage',
      'contracts.manage',
      'mail.settings.manage',
      'mail.manage',
      'returns.review',
      'returns.manage',
    ],
  },
  agent: {
    name: { 'zh-CN': '服务人员', en: 'Agent' },
    permissions: [
      ...read,
      'customers.write',
      'assets.write',
      'tokens.manage',
      'cases.write',
      'returns.review',
    ],
  },
  viewer: { name: { 'zh-CN': '只读', en: 'Viewer' }, permissions: [...read] },
};
export type BuiltInRoleKey = keyof typeof BuiltInRoles;
