import type { TFunction } from 'i18next';
import type { MacroActions } from '@aftercare/contracts';

/** "设置状态：等待客户 · 指派给我" — the actions of a macro in words. */
export function describeActions(a: MacroActions, t: TFunction): string {
  const parts: string[] = [];
  if (a.status) parts.push(`${t('macros.actionStatus')}: ${t(`caseStatus.${a.status}`)}`);
  if (a.severity) parts.push(`${t('macros.actionSeverity')}: ${a.severity}`);
  if (a.assignToMe) parts.push(t('macros.assignToMe'));
  return parts.join(' · ');
}

export const MACRO_VARIABLES = [
  'customer.name',
  'contact.name',
  'case.number',
  'case.subject',
  'agent.name',
  'commitment.answerBy',
] as const;
