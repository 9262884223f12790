import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { BranchesOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Case } from '@aftercare/contracts';
import { formatDateTime } from '../../lib/format';
import { useApiError } from '../../lib/useApiError';
import { useLocale } from '../../lib/useLocale';
import { RemoteSelect, type RemoteOption } from '../../ui/RemoteSelect';
import { useCan } from '../auth/session';
import { useUpdateCase, type StaffCaseDetail } from '../cases/api';
import { useCaseLinks, useMergeCase, useSplitCase } from './api';
import { CasePresenceBar } from './Presence';
import { TeamSelect } from './TeamSelect';
import { LinkTags } from './LinkTags';

const caseOption = (c: Case): RemoteOption => ({
  value: c.id,
  label: `${c.number} · ${c.subject}`,
  text: `${c.number} ${c.subject}`,
});

function MergeModal({ c, open, onClose }: { c: StaffCaseDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<string | null>(null);
  const merge = useMergeCase(c.id);
  const handleError = useApiError();
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (
    <Modal
      open={open}
      title={t('teams.merge.title', { number: c.number })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('teams.merge.confirm')}
      okButtonProps={{
        danger: true,
        disabled: !target,
        loading: merge.isPending,
        'data-testid': 'merge-confirm',
      }}
      cancelText={t('common.cancel')}
      onOk={() => {
        if (!target) return;
        merge.mutate(
          { targetCaseId: target, version: c.version },
          {
            onSuccess: (into) => {
              void message.success(t('teams.merge.done', { number: into.number }));
              onClose();
              navigate(`/app/cases/${into.id}`);
            },
            onError: (error) => handleError(error),
          },
        );
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('teams.merge.pick', { customer: c.customerName })}</Typography.Text>
        <RemoteSelect<Case>
          path="/cases"
          params={{ customerId: c.customerId, view: 'open' }}
          toOption={caseOption}
          value={target}
          onChange={(v) => setTarget(v && v !== c.id ? v : null)}
          placeholder={t('teams.merge.placeholder')}
          testId="merge-target"
          style={{ width: '100%' }}
        />
        <Alert type="warning" showIcon message={t('teams.merge.warning', { number: c.number })} />
      </Space>
    </Modal>
  );
}

function SplitModal({ c, open, onClose }: { c: StaffCaseDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<{ messageId: string; subject?: string }>();
  const split = useSplitCase(c.id);
  const handleError = useApiError();
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (
    <Modal
      open={open}
      title={t('teams.split.title', { number: c.number })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('teams.split.confirm')}
      okButtonProps={{ loading: split.isPending, 'data-testid': 'split-confirm' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(values) =>
          split.mutate(
            { messageId: values.messageId, subject: values.subject?.trim() || undefined },
            {
              onSuccess: (created) => {
                void message.success(t('teams.split.done', { number: created.number }));
                onClose();
                navigate(`/app/cases/${created.caseId}`);
              },
              onError: (error) => handleError(error, { form }),
            },
          )
        }
      >
        <Form.Item
          name="messageId"
          label={t('teams.split.message')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            data-testid="split-message"
            placeholder={t('teams.split.messagePlaceholder')}
            options={c.messages.map((m) => ({
              value: m.id,
              label: `${m.authorName ?? '—'} · ${formatDateTime(m.createdAt, locale)} · ${m.bodyText.slice(0, 60)}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="subject" label={t('teams.split.subject')} extra={t('teams.split.subjectHelp')}>
          <Input maxLength={200} data-testid="split-subject" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Beside a case: who else is on it, its team, the cases it was merged into / from or split from / to, and the
 * merge and split actions.
 */
export function CaseTeamwork({ c }: { c: StaffCaseDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const links = useCaseLinks(c.id);
  const update = useUpdateCase();
  const handleError = useApiError();
  const { message } = App.useApp();
  const [modal, setModal] = useState<'merge' | 'split' | null>(null);
  const editable = can('cases.write') && c.status !== 'closed';
  const merged = links.data?.mergedMessages ?? [];
  const origins = [...new Set(merged.map((m) => m.fromNumber))];
  const mergedInto = links.data?.links.find((l) => l.kind === 'merged_into');
  return (
    <>
      <CasePresenceBar caseId={c.id} />
      {mergedInto ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="case-merged-into"
          message={
            <span>
              {t('teams.links.mergedIntoBanner')}{' '}
              <Link to={`/app/cases/${mergedInto.caseId}`}>{mergedInto.number}</Link>
            </span>
          }
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }} data-testid="case-teamwork">
        <div className="case-fields">
          <div className="case-field" style={{ minWidth: 200 }}>
            <span>{t('teams.team')}</span>
            {editable ? (
              <TeamSelect
                value={c.teamId ?? null}
                testId="case-team"
                onChange={(teamId) =>
                  update.mutate(
                    { id: c.id, patch: { teamId, version: c.version } },
                    {
                      onSuccess: () => void message.success(t('common.saved')),
                      onError: (error) => handleError(error),
                    },
                  )
                }
              />
            ) : (
              <Typography.Text data-testid="case-team">{c.teamName ?? t('teams.noTeam')}</Typography.Text>
            )}
          </div>
          {links.data?.links.length ? (
            <div className="case-field">
              <span>{t('teams.links.title')}</span>
              <LinkTags links={links.data.links} base="/app/cases" />
            </div>
          ) : null}
          {editable ? (
            <div className="case-field">
              <span>&nbsp;</span>
              <Space wrap>
                <Button
                  icon={<MergeCellsOutlined />}
                  onClick={() => setModal('merge')}
                  data-testid="case-merge"
                >
                  {t('teams.merge.action')}
                </Button>
                <Button
                  icon={<BranchesOutlined />}
                  onClick={() => setModal('split')}
                  data-testid="case-split"
                >
                  {t('teams.split.action')}
                </Button>
              </Space>
            </div>
          ) : null}
        </div>
        {origins.length ? (
          <Typography.Paragraph
            type="secondary"
            style={{ margin: '8px 0 0' }}
            data-testid="case-merged-messages"
          >
            {t('teams.links.copied', { count: merged.length, numbers: origins.join(', ') })}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <MergeModal c={c} open={modal === 'merge'} onClose={() => setModal(null)} />
      <SplitModal c={c} open={modal === 'split'} onClose={() => setModal(null)} />
    </>
  );
}
