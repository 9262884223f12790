export const DepartmentKinds = [
  'support',
  'technical',
  'sales',
  'finance',
  'logistics',
  'rd',
  'field',
  'other',
] as const;
export type DepartmentKind = (typeof DepartmentKinds)[number];
