import { App, Button, Card, Col, Descriptions, Modal, Row, Skeleton, Tag, Tooltip } from 'antd';
import { EditOutlined, GlobalOutlined, MailOutlined, PhoneOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../lib/format';
import { LANGUAGES } from '../../lib/i18n';
import { useLocale } from '../../lib/useLocale';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { DeleteButton } from '../../ui/DeleteButton';
import { History } from '../../ui/History';
import { useCan } from '../../features/auth/session';
import { contacts, usePortalInvite } from '../../features/contacts/api';
import { InviteLinkResult } from '../../features/settings/InviteLinkResult';

export default function ContactDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const { data: contact, isPending, error, refetch } = contacts.useOne(id);
  const remove = contacts.useRemove();
  const invite = usePortalInvite();
  const handleError = useApiError();
  const { message } = App.useApp();
  const [inviteUrl, setInviteUrl] = useState<string | null>(null);

  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;

  const canWrite = contact.actions.includes('update');
  const canInvite = contact.actions.includes('invitePortal');
  const inviteHint = !contact.email
    ? t('contacts.inviteNeedsEmail')
    : contact.portalAccess
      ? undefined
      : t('contacts.inviteTurnsOnPortal');

  return (
    <>
      <PageHeader
        title={contact.name}
        subtitle={
          <span>
            <Link to={`/app/customers/${contact.customerId}`}>{contact.customerName}</Link>
            {contact.title ? ` · ${contact.title}` : ''}
          </span>
        }
        tags={
          contact.portalAccess ? (
            <Tag color="blue" icon={<GlobalOutlined />}>
              {t('contacts.portalOn')}
            </Tag>
          ) : null
        }
        extra={
          <>
            {canWrite ? (
              <Tooltip title={inviteHint}>
                <Button
                  icon={<MailOutlined />}
                  disabled={!canInvite}
                  loading={invite.isPending}
                  data-testid="contact-portal-invite"
                  onClick={() =>
                    invite.mutate(contact.id, {
                      onSuccess: (res) => setInviteUrl(res.inviteUrl),
                      onError: (err) => handleError(err),
                    })
                  }
                >
                  {t('contacts.sendPortalInvite')}
                </Button>
              </Tooltip>
            ) : null}
            {contact.actions.includes('update') ? (
              <Link to={`/app/contacts/${contact.id}/edit`}>
                <Button icon={<EditOutlined />} data-testid="contact-edit">
                  {t('common.edit')}
                </Button>
              </Link>
            ) : null}
            {contact.actions.includes('delete') ? (
              <DeleteButton
                testId="contact-delete"
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutate(contact.id, {
                    onSuccess: () => {
                      void message.success(t('common.deleted'));
                      navigate(`/app/customers/${contact.customerId}?tab=contacts`, { replace: true });
                    },
                    onError: (err) => handleError(err),
                  })
                }
              />
            ) : null}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('common.details')}>
            <Descriptions column={1} size="small" data-testid="contact-details">
              <Descriptions.Item label={t('contacts.customer')}>
                <Link to={`/app/customers/${contact.customerId}`}>{contact.customerName}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('contacts.phone')}>
                {contact.phone ? (
                  <a href={`tel:${contact.phone}`}>
                    <PhoneOutlined /> {contact.phone}
                  </a>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('contacts.email')}>
                {contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('contacts.wechatId')}>{contact.wechatId ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('contacts.birthday')}>
                {formatDate(contact.birthday, locale)}
              </Descriptions.Item>
              <Descriptions.Item label={t('contacts.locale')}>
                {LANGUAGES.find((l) => l.value === contact.locale)?.label ?? contact.locale}
              </Descriptions.Item>
              <Descriptions.Item label={t('contacts.portalAccess')}>
                {contact.portalAccess ? t('common.yes') : t('common.no')}
              </Descriptions.Item>
              <Descriptions.Item label={t('contacts.companyWide')}>
                {contact.companyWide ? t('common.yes') : t('common.no')}
              </Descriptions.Item>
              <Descriptions.Item label={t('common.updatedAt')}>
                {formatDateTime(contact.updatedAt, locale)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        {can('audit.read') ? (
          <Col xs={24} lg={10}>
            <Card title={t('history.title')}>
              <History path={`/contacts/${contact.id}/history`} entity="contact" />
            </Card>
          </Col>
        ) : null}
      </Row>
      <Modal
        open={!!inviteUrl}
        title={t('contacts.portalInviteTitle')}
        onCancel={() => setInviteUrl(null)}
        footer={
          <Button type="primary" onClick={() => setInviteUrl(null)} data-testid="portal-invite-done">
            {t('common.close')}
          </Button>
        }
      >
        {inviteUrl ? (
          <InviteLinkResult email={contact.email} url={inviteUrl} testId="portal-invite-link" />
        ) : null}
      </Modal>
    </>
  );
}
