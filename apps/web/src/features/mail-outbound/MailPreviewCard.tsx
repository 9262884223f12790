import { Card, Empty, Skeleton, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailPreviewRequest } from '@aftercare/contracts';
import { useMailPreview } from './api';

/** The acknowledgement as the customer would see it, re-rendered by the server while the brand is edited. */
export function MailPreviewCard({ request }: { request: MailPreviewRequest | null }) {
  const { t } = useTranslation();
  const [debounced, setDebounced] = useState(request);
  const key = JSON.stringify(request);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(request), 400);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const { data, isPending, isError } = useMailPreview(debounced);
  const pane = (lang: 'zh-CN' | 'en') =>
    data ? (
      <div>
        <Typography.Text strong>{data[lang].subject}</Typography.Text>
        <iframe
          title={t('mailOut.preview')}
          sandbox=""
          srcDoc={data[lang].html}
          data-testid={`mail-preview-${lang}`}
          style={{ width: '100%', height: 520, border: '1px solid #f0f0f0', borderRadius: 6, marginTop: 8 }}
        />
      </div>
    ) : null;
  return (
    <Card title={t('mailOut.preview')}>
      {isPending && !data ? (
        <Skeleton active />
      ) : isError && !data ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Tabs
          items={[
            { key: 'zh-CN', label: t('mailOut.previewZh'), children: pane('zh-CN') },
            { key: 'en', label: t('mailOut.previewEn'), children: pane('en') },
          ]}
        />
      )}
    </Card>
  );
}
