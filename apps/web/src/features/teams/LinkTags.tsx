import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseMergeLink } from '@aftercare/contracts';

/** The links a merge or split left on a case, both directions. */
export function LinkTags({ links, base }: { links: CaseMergeLink[]; base: string }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={[4, 4]}>
      {links.map((l) => (
        <Tag
          key={`${l.kind}-${l.caseId}`}
          color={l.kind === 'merged_into' ? 'orange' : 'blue'}
          data-testid={`case-link-${l.kind}`}
        >
          {t(`teams.links.${l.kind}`)} <Link to={`${base}/${l.caseId}`}>{l.number}</Link>
        </Tag>
      ))}
    </Space>
  );
}
