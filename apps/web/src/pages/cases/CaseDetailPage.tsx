import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Tabs,
  Typography,
} from 'antd';
import { LockOutlined, SendOutlined } from '@ant-design/icons';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  CaseSeverities,
  CaseStatuses,
  CaseTypes,
  type Case,
  type Attachment,
  type CaseStatus,
  type ClosingSummaryInput,
  type MessageVisibility,
} from '@aftercare/contracts';
import { isApiError } from '../../lib/api';
import { blankToNull, formatDateTime } from '../../lib/format';
import { useApiError } from '../../lib/useApiError';
import { useLocale } from '../../lib/useLocale';
import { History } from '../../ui/History';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useCan, useSignedIn } from '../../features/auth/session';
import { UserSelect } from '../../features/settings/UserSelect';
import {
  useCase,
  usePostMessage,
  useUpdateCase,
  type CaseUpdateWithClosing,
  type StaffCaseDetail,
} from '../../features/cases/api';
import { DisciplinePanel, SolveModal } from '../../features/cases/Discipline';
import { ClosingSummaryCard } from '../../features/cases/DisciplineViews';
import { SummaryScheduleCard } from '../../features/discipline/DisciplineExtras';
import { CaseStatusTag, SeverityTag } from '../../features/cases/CaseTags';
import { SlaPanel, SlaStateTag } from '../../features/cases/sla';
import { Thread } from '../../features/cases/Thread';
import { CaseTeamwork } from '../../features/teams/CaseTeamwork';
import { AttachmentField } from '../../features/attachments/AttachmentField';
import { MentionTextArea, useMentionPicks } from '../../features/attachments/MentionTextArea';
import {
  CaseServiceLevels,
  ComplaintCloseFields,
  PriorityTag,
  RepeatFlags,
  complaintFromForm,
} from '../../features/service-levels';
import { MacroPicker } from '../../features/macros/MacroPicker';
import { CustomerGlance } from '../../features/glance/CustomerGlance';
import { CaseTimePanel } from '../../features/time/CaseTimePanel';
import { CaseCoverage } from '../../features/contracts/CaseCoverage';
import { useMailOriginals } from '../../features/mail-channels/api';
import { EmailBadge, MailOriginalToggle } from '../../features/mail-channels/MailOriginal';

type Tab = 'reply' | 'note';
type Patch = Omit<CaseUpdateWithClosing, 'version'>;

/** A draft kept per case and tab for the browser session, so a reload (e.g. after a conflict) keeps it. */
function useDraft(key: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => sessionStorage.getItem(key) ?? '');
  const set = useCallback(
    (next: string) => {
      setValue(next);
      if (next) sessionStorage.setItem(key, next);
      else sessionStorage.removeItem(key);
    },
    [key],
  );
  return [value, set];
}

function Composer({ c }: { c: StaffCaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const post = usePostMessage(c.id);
  const [tab, setTab] = useState<Tab>('reply');
  const [reply, setReply] = useDraft(`case-draft:${c.id}:reply`);
  const [note, setNote] = useDraft(`case-draft:${c.id}:note`);
  const body = tab === 'reply' ? reply : note;
  const setBody = tab === 'reply' ? setReply : setNote;
  const [files, setFiles] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(false);
  const picks = useMentionPicks();
  if (c.status === 'closed') {
    return <Alert type="info" showIcon message={t('cases.closedNoReply')} data-testid="composer-closed" />;
  }
  const send = () => {
    const text = body.trim();
    if (!text || uploading) return;
    const visibility: MessageVisibility = tab === 'reply' ? 'public' : 'internal';
    const mentions = picks.idsIn(text);
    post.mutate(
      {
        body: text,
        visibility,
        ...(files.length ? { attachmentIds: files.map((f) => f.id) } : {}),
        ...(mentions.length ? { mentions } : {}),
      },
      {
        onSuccess: () => {
          setBody('');
          setFiles([]);
          picks.reset();
          void message.success(tab === 'reply' ? t('cases.replySent') : t('cases.noteAdded'));
        },
        onError: (error) => handleError(error),
      },
    );
  };
  return (
    <div className={tab === 'note' ? 'case-composer case-composer-note' : 'case-composer'}>
      <Tabs
        activeKey={tab}
        onChange={(next) => setTab(next === 'note' ? 'note' : 'reply')}
        size="small"
        items={[
          { key: 'reply', label: <span data-testid="composer-tab-reply">{t('cases.reply')}</span> },
          {
            key: 'note',
            label: (
              <span data-testid="composer-tab-note">
                <LockOutlined /> {t('cases.internalNote')}
              </span>
            ),
          },
        ]}
      />
      <MentionTextArea
        value={body}
        onChange={setBody}
        onPick={picks.pick}
        maxLength={50_000}
        placeholder={`${tab === 'reply' ? t('cases.replyPlaceholder') : t('cases.notePlaceholder')} ${t('mentions.hint')}`}
        testId="composer-body"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) send();
        }}
      />
      <AttachmentField audience="staff" value={files} onChange={setFiles} onBusyChange={setUploading} />
      <div className="case-composer-footer">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tab === 'reply' ? t('cases.replyHint') : t('cases.noteHint')}
        </Typography.Text>
        <MacroPicker
          caseId={c.id}
          version={c.version}
          onInsert={(text) => setBody(body ? `${body}\n\n${text}` : text)}
        />
        <Button
          type="primary"
          icon={<SendOutlined />}
          onClick={send}
          loading={post.isPending}
          disabled={!body.trim() || uploading}
          data-testid="composer-send"
        >
          {tab === 'reply' ? t('cases.sendReply') : t('cases.addNote')}
        </Button>
      </div>
    </div>
  );
}

/** Asks why the case waits: required for on_hold, optional for pending. */
function PauseReasonModal({
  status,
  initial,
  saving,
  onCancel,
  onOk,
  form,
}: {
  status: CaseStatus | null;
  initial: string;
  saving: boolean;
  onCancel: () => void;
  onOk: (reason: string | null) => void;
  form: ReturnType<typeof Form.useForm<{ pauseReason?: string }>>[0];
}) {
  const { t } = useTranslation();
  const required = status === 'on_hold';
  return (
    <Modal
      open={status !== null}
      title={required ? t('cases.pause.titleHold') : t('cases.pause.titlePending')}
      onCancel={onCancel}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={saving}
          onClick={() => form.submit()}
          data-testid="pause-reason-ok"
        >
          {t('common.save')}
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ pauseReason: initial }}
        onFinish={(values) => onOk(blankToNull(values.pauseReason))}
      >
        <Form.Item
          name="pauseReason"
          label={required ? t('cases.pause.reason') : `${t('cases.pause.reason')} ${t('common.optional')}`}
          extra={required ? t('cases.pause.helpHold') : t('cases.pause.helpPending')}
          rules={required ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={500}
            data-testid="pause-reason"
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CustomerCard({ c }: { c: Case }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card title={t('cases.customerCard')} data-testid="case-customer-card">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('cases.customer')}>
          <Link to={`/app/customers/${c.customerId}`} data-testid="case-customer-link">
            {c.customerName}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.contact')}>
          {c.contactId ? <Link to={`/app/contacts/${c.contactId}`}>{c.contactName}</Link> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.channel')}>{t(`caseChannel.${c.channel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('common.createdAt')}>
          {formatDateTime(c.createdAt, locale)}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.lastCustomerReply')}>
          {formatDateTime(c.lastCustomerReplyAt, locale)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Keyed by the case id, so drafts and the conflict notice belong to one case. */
export default function CaseDetailPage() {
  const { id } = useParams();
  return <CaseDetailView key={id} id={id} />;
}

function CaseDetailView({ id }: { id: string | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const can = useCan();
  const returnsOn = useSignedIn().workspace.modules.returns;
  const { message } = App.useApp();
  const handleError = useApiError();
  const { data: c, isPending, error, refetch } = useCase(id);
  const originals = useMailOriginals(id);
  const update = useUpdateCase();
  const [conflict, setConflict] = useState(false);
  const [pauseFor, setPauseFor] = useState<CaseStatus | null>(null);
  const [pauseForm] = Form.useForm<{ pauseReason?: string }>();
  const [solving, setSolving] = useState(false);
  const [solveForm] = Form.useForm<{ closingSummary?: Partial<ClosingSummaryInput> }>();

  if (isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (error && !c) return <QueryError error={error} onRetry={() => void refetch()} />;

  const editable = can('cases.write') && c.status !== 'closed';

  type ModalForm = typeof pauseForm | typeof solveForm;
  const onPatchError = (err: unknown, modalForm: ModalForm | null) => {
    if (isApiError(err, 'conflict')) {
      setConflict(true);
      setPauseFor(null);
      setSolving(false);
      return;
    }
    if (isApiError(err, 'validation_failed') && err.fieldErrors.length > 0 && !modalForm) {
      void message.error(err.fieldErrors.map((f) => f.message).join('; '));
      return;
    }
    handleError(err, modalForm ? { form: modalForm } : {});
  };

  const patch = (changes: Patch, modalForm: ModalForm | null = null) =>
    update.mutate(
      { id: c.id, patch: { ...changes, version: c.version } },
      {
        onSuccess: () => {
          setPauseFor(null);
          setSolving(false);
          void refetch();
          void message.success(t('common.saved'));
        },
        onError: (err) => onPatchError(err, modalForm),
      },
    );

  const changeStatus = (status: CaseStatus) => {
    if (status === 'on_hold' || status === 'pending') setPauseFor(status);
    else if (status === 'solved') setSolving(true);
    else patch({ status });
  };

  const closingSummary = c.discipline?.closingSummary ?? null;
  const isSolved = c.status === 'solved' || c.status === 'closed';

  const reload = () => {
    void refetch().then(() => setConflict(false));
  };

  return (
    <div data-testid="case-detail" data-case-number={c.number}>
      <PageHeader
        title={
          <span>
            <Typography.Text type="secondary" data-testid="case-number">
              {c.number}
            </Typography.Text>{' '}
            {c.subject}
          </span>
        }
        tags={
          <>
            <CaseStatusTag status={c.status} testId="case-status-tag" />
            <SeverityTag severity={c.severity} />
            <PriorityTag priority={c.priority} />
            <RepeatFlags complaint={c.complaint} />
            {c.sla ? <SlaStateTag state={c.sla.state} /> : null}
          </>
        }
        subtitle={
          <Link to={`/app/customers/${c.customerId}`}>
            {c.customerName}
            {c.contactName ? ` · ${c.contactName}` : ''}
          </Link>
        }
        extra={
          returnsOn && can('returns.manage') ? (
            <Link
              to={`/app/returns/new?${new URLSearchParams({
                caseId: c.id,
                customerId: c.customerId,
                ...(c.contactId ? { contactId: c.contactId } : {}),
              }).toString()}`}
              data-testid="case-start-return"
            >
              <Button>{t('returns.new.start')}</Button>
            </Link>
          ) : undefined
        }
      />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          data-testid="case-conflict"
          style={{ marginBottom: 16 }}
          message={t('cases.conflictTitle')}
          description={t('cases.conflictText')}
          action={
            <Button size="small" type="primary" onClick={reload} data-testid="case-conflict-reload">
              {t('common.reload')}
            </Button>
          }
        />
      ) : null}
      <CaseTeamwork c={c} />
      {closingSummary ? (
        <ClosingSummaryCard summary={closingSummary} testId="closing-summary" previous={!isSolved} />
      ) : null}
      <Card style={{ marginBottom: 16 }} size="small">
        <div className="case-fields">
          <label className="case-field">
            <span>{t('common.status')}</span>
            <Select<CaseStatus>
              value={c.status}
              disabled={!editable}
              loading={update.isPending}
              onChange={changeStatus}
              data-testid="case-status"
              style={{ minWidth: 150 }}
              options={CaseStatuses.map((s) => ({
                value: s,
                label: <span data-testid={`case-status-option-${s}`}>{t(`caseStatus.${s}`)}</span>,
              }))}
            />
          </label>
          <label className="case-field">
            <span>{t('cases.severity')}</span>
            <Select
              value={c.severity}
              disabled={!editable}
              onChange={(severity) => patch({ severity })}
              data-testid="case-severity-select"
              style={{ minWidth: 150 }}
              options={CaseSeverities.map((s) => ({ value: s, label: `${s} · ${t(`caseSeverity.${s}`)}` }))}
            />
          </label>
          <label className="case-field">
            <span>{t('cases.type')}</span>
            <Select
              value={c.type}
              disabled={!editable}
              onChange={(type) => patch({ type })}
              data-testid="case-type-select"
              style={{ minWidth: 130 }}
              options={CaseTypes.map((s) => ({ value: s, label: t(`caseType.${s}`) }))}
            />
          </label>
          <div className="case-field" style={{ minWidth: 240 }}>
            <span>{t('cases.assignee')}</span>
            {editable && can('users.read') ? (
              <UserSelect
                value={c.assigneeId}
                knownName={c.assigneeName}
                onChange={(assigneeId) => patch({ assigneeId })}
                testId="case-assignee"
                placeholder={t('cases.unassigned')}
              />
            ) : (
              <Typography.Text data-testid="case-assignee">
                {c.assigneeName ?? t('cases.unassigned')}
              </Typography.Text>
            )}
          </div>
        </div>
        {c.pauseReason && (c.status === 'on_hold' || c.status === 'pending') ? (
          <Typography.Paragraph
            type="secondary"
            style={{ margin: '8px 0 0' }}
            data-testid="case-pause-reason"
          >
            {t('cases.pause.shown', { reason: c.pauseReason })}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card>
            <Tabs
              items={[
                {
                  key: 'conversation',
                  label: (
                    <span data-testid="case-tab-conversation">
                      {t('cases.conversation', { count: c.messages.length })}
                    </span>
                  ),
                  children: (
                    <Space direction="vertical" size={16} style={{ width: '100%' }}>
                      <Thread
                        messages={c.messages}
                        side="staff"
                        caseId={c.id}
                        badge={(m) => (originals.data?.has(m.id) ? <EmailBadge /> : null)}
                        footer={(m) => {
                          const original = originals.data?.get(m.id);
                          return original ? <MailOriginalToggle original={original} /> : null;
                        }}
                      />
                      {can('cases.write') ? <Composer c={c} /> : null}
                    </Space>
                  ),
                },
                {
                  key: 'discipline',
                  forceRender: true,
                  label: <span data-testid="case-tab-discipline">{t('discipline.title')}</span>,
                  children: (
                    <DisciplinePanel
                      caseId={c.id}
                      discipline={c.discipline}
                      editable={can('cases.write') && c.status !== 'closed'}
                    />
                  ),
                },
                {
                  key: 'history',
                  label: <span data-testid="case-tab-history">{t('history.title')}</span>,
                  children: <History path={`/cases/${c.id}/history`} entity="case" />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('cases.sla.title')} data-testid="case-sla">
              <SlaPanel sla={c.sla} />
              <CaseCoverage c={c} />
            </Card>
            <CaseServiceLevels c={c} />
            <SummaryScheduleCard
              key={`${c.discipline?.summarySchedule?.everyHours ?? 'none'}`}
              caseId={c.id}
              schedule={c.discipline?.summarySchedule}
              editable={can('cases.write') && c.status !== 'closed'}
            />
            <CustomerCard c={c} />
            <CustomerGlance caseId={c.id} />
            <CaseTimePanel caseId={c.id} />
            <Card size="small">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('common.updatedAt')}: {formatDateTime(c.updatedAt, locale)}
              </Typography.Text>
            </Card>
          </Space>
        </Col>
      </Row>
      <PauseReasonModal
        status={pauseFor}
        initial={c.pauseReason ?? ''}
        saving={update.isPending}
        form={pauseForm}
        onCancel={() => setPauseFor(null)}
        onOk={(reason) => {
          if (pauseFor) patch({ status: pauseFor, pauseReason: reason }, pauseForm);
        }}
      />
      <SolveModal
        links={c.discipline?.links}
        open={solving}
        initial={closingSummary}
        saving={update.isPending}
        form={solveForm}
        onCancel={() => setSolving(false)}
        extra={c.type === 'complaint' ? <ComplaintCloseFields /> : null}
        onOk={(summary) => {
          const complaint = c.type === 'complaint' ? complaintFromForm(solveForm) : undefined;
          patch(
            {
              status: 'solved',
              ...(summary ? { closingSummary: summary } : {}),
              ...(complaint ? { complaint } : {}),
            },
            solveForm,
          );
        }}
      />
    </div>
  );
}
