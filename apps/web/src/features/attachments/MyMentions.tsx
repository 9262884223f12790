import { Badge, Button, Drawer, Empty, List, Space, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { QueryError } from '../../ui/QueryError';
import { useMyMentions } from './api';

/** "Mentioned me": a button (with the count) opening the messages that mentioned me, newest first. */
export function MyMentionsButton() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(1);
  const mentions = useMyMentions(page, true);
  const total = mentions.data?.total ?? 0;
  return (
    <>
      <Badge count={total} size="small" overflowCount={99}>
        <Button onClick={() => setOpen(true)} data-testid="my-mentions">
          @ {t('mentions.button')}
        </Button>
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('mentions.title')}
        width={480}
        styles={{ wrapper: { maxWidth: '100vw' } }}
        data-testid="my-mentions-drawer"
      >
        {mentions.isError ? (
          <QueryError error={mentions.error} onRetry={() => void mentions.refetch()} />
        ) : (
          <List
            loading={mentions.isLoading}
            dataSource={mentions.data?.items ?? []}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mentions.empty')} />,
            }}
            pagination={
              total > 10
                ? { current: page, pageSize: 10, total, onChange: setPage, size: 'small', simple: true }
                : false
            }
            renderItem={(m) => (
              <List.Item key={m.id} data-testid="my-mention">
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space size={6} wrap>
                    <Link to={`/app/cases/${m.caseId}`} onClick={() => setOpen(false)}>
                      {m.caseNumber} · {m.caseSubject}
                    </Link>
                    {m.visibility === 'internal' ? (
                      <Tag color="gold" icon={<LockOutlined />}>
                        {t('mentions.internal')}
                      </Tag>
                    ) : null}
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('mentions.by', { name: m.mentionedBy ?? t('mentions.someone') })} ·{' '}
                    {formatDateTime(m.createdAt, locale)}
                  </Typography.Text>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                    {m.excerpt}
                  </Typography.Paragraph>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
