import { Alert, App, Button, Card, Descriptions, Input, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useApiError } from '../../lib/useApiError';
import { useLocale } from '../../lib/useLocale';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { usePortalCase, usePortalReply } from '../../features/cases/api';
import { CaseStatusTag, SeverityTag } from '../../features/cases/CaseTags';
import { CommitmentCard } from '../../features/cases/CommitmentCard';
import { PortalDiscipline } from '../../features/cases/PortalDiscipline';
import { PortalDisciplineExtras } from '../../features/discipline/PortalDisciplineExtras';
import { Thread } from '../../features/cases/Thread';
import { PortalCaseLinks } from '../../features/teams/PortalCaseLinks';
import { AttachmentField } from '../../features/attachments/AttachmentField';
import type { Attachment } from '@aftercare/contracts';
import { PortalCaseServiceLevels } from '../../features/service-levels';

function ReplyBox({ caseId, status }: { caseId: string; status: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const reply = usePortalReply(caseId);
  const [body, setBody] = useState('');
  const [serverError, setServerError] = useState<string | null>(null);
  const [files, setFiles] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(false);
  if (status === 'closed') {
    return <Alert type="info" showIcon message={t('portalCases.closed')} data-testid="portal-case-closed" />;
  }
  const send = () => {
    const text = body.trim();
    if (!text || uploading) return;
    setServerError(null);
    reply.mutate(
      { body: text, ...(files.length ? { attachmentIds: files.map((f) => f.id) } : {}) },
      {
        onSuccess: () => {
          setBody('');
          setFiles([]);
          void message.success(status === 'solved' ? t('portalCases.reopened') : t('portalCases.replySent'));
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 409) setServerError(error.message);
          else handleError(error);
        },
      },
    );
  };
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      {status === 'solved' ? (
        <Alert
          type="success"
          showIcon
          message={t('portalCases.solvedHint')}
          data-testid="portal-solved-hint"
        />
      ) : null}
      {serverError ? (
        <Alert type="error" showIcon message={serverError} data-testid="portal-reply-error" />
      ) : null}
      <Input.TextArea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 12 }}
        maxLength={50_000}
        placeholder={t('portalCases.replyPlaceholder')}
        data-testid="portal-reply-body"
      />
      <AttachmentField
        audience="portal"
        value={files}
        onChange={setFiles}
        onBusyChange={setUploading}
        testId="portal-reply-files"
      />
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button
          type="primary"
          icon={<SendOutlined />}
          onClick={send}
          loading={reply.isPending}
          disabled={!body.trim() || uploading}
          data-testid="portal-reply-send"
        >
          {t('portalCases.send')}
        </Button>
      </div>
    </Space>
  );
}

export default function PortalCaseDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id } = useParams();
  const { data: c, isPending, error, refetch } = usePortalCase(id);
  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (error && !c) return <QueryError error={error} onRetry={() => void refetch()} />;
  const open = c.status !== 'solved' && c.status !== 'closed';
  return (
    <div data-testid="portal-case-detail" data-case-number={c.number}>
      <PageHeader
        title={
          <span>
            <Typography.Text type="secondary">{c.number}</Typography.Text> {c.subject}
          </span>
        }
        tags={
          <>
            <span data-testid="portal-case-status" data-status={c.status}>
              <CaseStatusTag status={c.status} />
            </span>
            <SeverityTag severity={c.severity} />
          </>
        }
        extra={
          <Link to="/portal/cases">
            <Button icon={<ArrowLeftOutlined />}>{t('portalCases.backToList')}</Button>
          </Link>
        }
      />
      <PortalCaseLinks caseId={c.id} />
      {open ? <CommitmentCard commitment={c.commitment} /> : null}
      <Card style={{ marginBottom: 16 }} size="small">
        <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small">
          <Descriptions.Item label={t('cases.type')}>{t(`caseType.${c.type}`)}</Descriptions.Item>
          <Descriptions.Item label={t('cases.requester')}>{c.contactName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('common.createdAt')}>
            {formatDateTime(c.createdAt, locale)}
          </Descriptions.Item>
          <Descriptions.Item label={t('common.updatedAt')}>
            {formatDateTime(c.updatedAt, locale)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <div style={{ marginBottom: 16 }}>
        <PortalCaseServiceLevels c={c} />
      </div>
      <PortalDiscipline caseId={c.id} status={c.status} discipline={c.discipline} />
      <PortalDisciplineExtras caseId={c.id} status={c.status} discipline={c.discipline} />
      <Card title={t('portalCases.conversation')}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Thread messages={c.messages} side="contact" />
          <ReplyBox caseId={c.id} status={c.status} />
        </Space>
      </Card>
    </div>
  );
}
