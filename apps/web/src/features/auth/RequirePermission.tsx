import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModuleKey, Permission } from '@aftercare/contracts';
import { hasPermission, useSignedIn } from './session';

/** Shows a page only to staff with the permission (and, for module pages, when the module is on). */
export function RequirePermission({
  permission,
  module,
  children,
}: {
  permission?: Permission;
  module?: ModuleKey;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const me = useSignedIn();
  if (module && !me.workspace.modules[module]) {
    return <Result status="404" title={t('errors.moduleOffTitle')} subTitle={t('errors.moduleOffText')} />;
  }
  if (permission && !hasPermission(me, permission)) {
    return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbiddenText')} />;
  }
  return <>{children}</>;
}
