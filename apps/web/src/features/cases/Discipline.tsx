import { App, Button, Card, Collapse, Empty, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CheckCircleTwoTone,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Attachment,
  CaseDiscipline,
  CaseLink,
  ClosingSummaryInput,
  PlanStep,
  StatusSummary,
  StatusSummaryInput,
} from '@aftercare/contracts';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useApiError } from '../../lib/useApiError';
import { useLocale } from '../../lib/useLocale';
import { usePostSummary, useSaveAgreement, useSavePlan } from './api';
import { AttachmentList } from '../attachments/AttachmentList';
import { AttachmentField } from '../attachments/AttachmentField';
import { AgreementProposed, AgreementStateTag, Prose, SummaryView } from './DisciplineViews';
import { DisciplineExtras, SolveOpenItems } from '../discipline/DisciplineExtras';

const EMPTY: CaseDiscipline = {
  agreement: null,
  summaries: [],
  plan: [],
  closingSummary: null,
  links: [],
  checkpoints: [],
  summarySchedule: null,
};

/** A draft kept across a 409 reload (the agent's words are never lost to someone else's write). */
const draftKey = (caseId: string, what: string) => `aftercare:draft:${what}:${caseId}`;
function keepDraft(caseId: string, what: string, value: unknown): void {
  try {
    sessionStorage.setItem(draftKey(caseId, what), JSON.stringify(value));
  } catch {
    // storage full or disabled: the conflict dialog still explains what happened
  }
}
function takeDraft<T>(caseId: string, what: string): T | undefined {
  try {
    const raw = sessionStorage.getItem(draftKey(caseId, what));
    sessionStorage.removeItem(draftKey(caseId, what));
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

function AgreementCard({
  caseId,
  discipline,
  editable,
}: {
  caseId: string;
  discipline: CaseDiscipline;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const save = useSaveAgreement(caseId);
  const agreement = discipline.agreement;
  const [text, setText] = useState(() => takeDraft<string>(caseId, 'agreement') ?? agreement?.text ?? '');
  const submit = () => {
    const value = text.trim();
    if (!value) return;
    save.mutate(
      { text: value, version: agreement?.version ?? 0 },
      {
        onSuccess: () => void message.success(t('discipline.agreement.saved')),
        onError: (error) => {
          if (isApiError(error) && error.code === 'conflict') keepDraft(caseId, 'agreement', value);
          handleError(error);
        },
      },
    );
  };
  return (
    <Card
      size="small"
      title={t('discipline.agreement.title')}
      data-testid="agreement-card"
      extra={agreement ? <AgreementStateTag agreement={agreement} testId="agreement-state" /> : null}
    >
      {agreement ? (
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Prose text={agreement.text} testId="agreement-text" />
          <AgreementProposed agreement={agreement} />
        </Space>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="agreement-empty">
          {t('discipline.agreement.none')}
        </Typography.Paragraph>
      )}
      {editable ? (
        <Space direction="vertical" size={8} style={{ width: '100%', marginTop: 12 }}>
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={2000}
            placeholder={t('discipline.agreement.placeholder')}
            data-testid="agreement-text-input"
          />
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {agreement ? t('discipline.agreement.replaceHint') : t('discipline.agreement.help')}
            </Typography.Text>
            <Button
              type="primary"
              onClick={submit}
              loading={save.isPending}
              disabled={!text.trim() || text.trim() === agreement?.text}
              data-testid="agreement-save"
            >
              {agreement ? t('discipline.agreement.replace') : t('discipline.agreement.propose')}
            </Button>
          </div>
        </Space>
      ) : null}
    </Card>
  );
}

function SummariesCard({
  caseId,
  summaries,
  editable,
}: {
  caseId: string;
  summaries: StatusSummary[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const handleError = useApiError();
  const post = usePostSummary(caseId);
  const [form] = Form.useForm<StatusSummaryInput>();
  const [latest, ...older] = summaries;
  const submit = (values: StatusSummaryInput) => {
    post.mutate(
      {
        problem: values.problem.trim(),
        doneSoFar: values.doneSoFar.trim(),
        difficulties: (values.difficulties ?? '').trim(),
        nextSteps: values.nextSteps.trim(),
      },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('discipline.summary.posted'));
        },
        onError: (error) => handleError(error, { form }),
      },
    );
  };
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Card size="small" title={t('discipline.summary.title')} data-testid="summaries-card">
      {latest ? (
        <div data-testid="summary-latest">
          <Tag color="blue" style={{ marginBottom: 8 }}>
            {t('discipline.summary.latest')}
          </Tag>
          <SummaryView summary={latest} />
        </div>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="summary-empty">
          {t('discipline.summary.none')}
        </Typography.Paragraph>
      )}
      {older.length > 0 ? (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          data-testid="summary-older"
          items={[
            {
              key: 'older',
              label: t('discipline.summary.older', { count: older.length }),
              children: (
                <Collapse
                  size="small"
                  ghost
                  items={older.map((s) => ({
                    key: s.id,
                    label: `${formatDateTime(s.createdAt, locale)} · ${s.authorName ?? t('discipline.someone')}`,
                    children: <SummaryView summary={s} />,
                  }))}
                />
              ),
            },
          ]}
        />
      ) : null}
      {editable ? (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          defaultActiveKey={latest ? [] : ['new']}
          items={[
            {
              key: 'new',
              label: <span data-testid="summary-new">{t('discipline.summary.new')}</span>,
              forceRender: true,
              children: (
                <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
                  <Form.Item name="problem" label={t('discipline.summary.problem')} rules={required}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="summary-problem" />
                  </Form.Item>
                  <Form.Item name="doneSoFar" label={t('discipline.summary.doneSoFar')} rules={required}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="summary-done" />
                  </Form.Item>
                  <Form.Item
                    name="difficulties"
                    label={`${t('discipline.summary.difficulties')} ${t('common.optional')}`}
                  >
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 6 }}
                      data-testid="summary-difficulties"
                    />
                  </Form.Item>
                  <Form.Item name="nextSteps" label={t('discipline.summary.nextSteps')} rules={required}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="summary-next" />
                  </Form.Item>
                  <Button
                    type="primary"
                    htmlType="submit"
                    loading={post.isPending}
                    data-testid="summary-save"
                  >
                    {t('discipline.summary.post')}
                  </Button>
                </Form>
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}

function PlanStepView({ step, index }: { step: PlanStep; index: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const done = step.doneAt !== null;
  return (
    <div className="discipline-step" data-testid={`plan-step-${index}`} data-done={done ? 'true' : 'false'}>
      <Typography.Text strong delete={done}>
        {index + 1}. {step.title}
      </Typography.Text>
      {step.expectedResult ? (
        <div>
          <Typography.Text type="secondary">
            {t('discipline.plan.expected')}: {step.expectedResult}
          </Typography.Text>
        </div>
      ) : null}
      <div style={{ fontSize: 12 }}>
        {done ? (
          <Typography.Text type="success">
            <CheckCircleTwoTone twoToneColor="#52c41a" />{' '}
            {t('discipline.plan.doneBy', {
              name: step.doneBy ?? t('discipline.someone'),
              time: formatDateTime(step.doneAt, locale),
            })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('discipline.plan.notDone')}</Typography.Text>
        )}
      </div>
      <AttachmentList files={step.attachments} />
    </div>
  );
}

interface DraftStep {
  key: string;
  id?: string;
  title: string;
  expectedResult: string;
  /** Screenshots and files: kept ones and new uploads. */
  files?: Attachment[];
}

let draftCounter = 0;
const newKey = () => `new-${++draftCounter}`;

function PlanEditor({ caseId, plan, version }: { caseId: string; plan: PlanStep[]; version: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const save = useSavePlan(caseId);
  const [steps, setSteps] = useState<DraftStep[]>(
    () =>
      takeDraft<DraftStep[]>(caseId, 'plan') ??
      (plan.length > 0
        ? plan.map((s) => ({
            key: s.id,
            id: s.id,
            title: s.title,
            expectedResult: s.expectedResult,
            files: s.attachments ?? [],
          }))
        : [{ key: newKey(), title: '', expectedResult: '' }]),
  );
  const change = (index: number, patch: Partial<DraftStep>) =>
    setSteps((prev) => prev.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const move = (index: number, by: -1 | 1) =>
    setSteps((prev) => {
      const next = [...prev];
      const target = index + by;
      const a = next[index];
      const b = next[target];
      if (!a || !b) return prev;
      next[index] = b;
      next[target] = a;
      return next;
    });
  const remove = (index: number) => setSteps((prev) => prev.filter((_, i) => i !== index));
  const add = () => setSteps((prev) => [...prev, { key: newKey(), title: '', expectedResult: '' }]);
  const filled = steps.filter((s) => s.title.trim());
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const uploading = Object.values(busy).some(Boolean);
  const submit = () => {
    if (filled.length === 0) {
      void message.warning(t('discipline.plan.needStep'));
      return;
    }
    save.mutate(
      {
        steps: filled.map((s) => ({
          ...(s.id ? { id: s.id } : {}),
          title: s.title.trim(),
          expectedResult: s.expectedResult.trim(),
          attachmentIds: (s.files ?? []).map((f) => f.id),
        })),
        version,
      },
      {
        onSuccess: () => void message.success(t('discipline.plan.saved')),
        onError: (error) => {
          if (isApiError(error) && error.code === 'conflict') keepDraft(caseId, 'plan', steps);
          handleError(error);
        },
      },
    );
  };
  return (
    <div data-testid="plan-editor" className="discipline-plan-editor">
      <Typography.Text strong>{t('discipline.plan.edit')}</Typography.Text>
      <Space direction="vertical" size={8} style={{ width: '100%', marginTop: 8 }}>
        {steps.map((s, i) => (
          <div key={s.key} className="discipline-plan-row">
            <Typography.Text type="secondary" style={{ minWidth: 20 }}>
              {i + 1}.
            </Typography.Text>
            <div style={{ flex: 1, display: 'flex', flexDirection: 'column', gap: 4 }}>
              <Input
                value={s.title}
                onChange={(e) => change(i, { title: e.target.value })}
                maxLength={500}
                placeholder={t('discipline.plan.stepTitle')}
                data-testid={`plan-step-title-${i}`}
              />
              <Input
                value={s.expectedResult}
                onChange={(e) => change(i, { expectedResult: e.target.value })}
                maxLength={2000}
                placeholder={t('discipline.plan.expected')}
                data-testid={`plan-step-expected-${i}`}
              />
              <AttachmentField
                audience="staff"
                compact
                value={s.files ?? []}
                onChange={(files) =>
                  setSteps((prev) => prev.map((x) => (x.key === s.key ? { ...x, files } : x)))
                }
                onBusyChange={(busy) => setBusy((b) => ({ ...b, [s.key]: busy }))}
                testId={`plan-step-files-${i}`}
              />
            </div>
            <Space.Compact direction="vertical" size="small">
              <Button
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={i === 0}
                onClick={() => move(i, -1)}
                aria-label={t('discipline.plan.moveUp')}
                title={t('discipline.plan.moveUp')}
                data-testid={`plan-step-up-${i}`}
              />
              <Button
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={i === steps.length - 1}
                onClick={() => move(i, 1)}
                aria-label={t('discipline.plan.moveDown')}
                title={t('discipline.plan.moveDown')}
                data-testid={`plan-step-down-${i}`}
              />
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                onClick={() => remove(i)}
                aria-label={t('discipline.plan.remove')}
                title={t('discipline.plan.remove')}
                data-testid={`plan-step-remove-${i}`}
              />
            </Space.Compact>
          </div>
        ))}
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
          <Button icon={<PlusOutlined />} onClick={add} data-testid="plan-add-step">
            {t('discipline.plan.addStep')}
          </Button>
          <Button
            type="primary"
            onClick={submit}
            loading={save.isPending}
            disabled={filled.length === 0 || uploading}
            data-testid="plan-save"
          >
            {t('discipline.plan.save')}
          </Button>
        </div>
        {plan.length > 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('discipline.plan.keepHint')}
          </Typography.Text>
        ) : null}
      </Space>
    </div>
  );
}

/** The editor starts again from the saved plan whenever its steps (not their done state) change. */
function planSignature(plan: PlanStep[]): string {
  return plan.map((s) => `${s.id}\u0000${s.title}\u0000${s.expectedResult}`).join('\u0001');
}

function PlanCard({
  caseId,
  plan,
  version,
  editable,
}: {
  caseId: string;
  plan: PlanStep[];
  version: number;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const done = plan.filter((s) => s.doneAt !== null).length;
  return (
    <Card
      size="small"
      title={t('discipline.plan.title')}
      data-testid="plan-card"
      extra={
        plan.length > 0 ? (
          <Typography.Text type="secondary">
            {t('discipline.plan.progress', { done, total: plan.length })}
          </Typography.Text>
        ) : null
      }
    >
      {plan.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('discipline.plan.none')}
          data-testid="plan-empty"
          style={{ margin: '8px 0' }}
        />
      ) : (
        <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="plan-steps">
          {plan.map((s, i) => (
            <PlanStepView key={s.id} step={s} index={i} />
          ))}
        </Space>
      )}
      {editable ? (
        <div style={{ marginTop: 16 }}>
          <PlanEditor
            key={`${version}:${planSignature(plan)}`}
            caseId={caseId}
            plan={plan}
            version={version}
          />
        </div>
      ) : null}
    </Card>
  );
}

/** The case discipline of the console: agreed outcome, status summaries and the action plan. */
export function DisciplinePanel({
  caseId,
  discipline,
  editable,
}: {
  caseId: string;
  discipline: CaseDiscipline | undefined;
  editable: boolean;
}) {
  const d = discipline ?? EMPTY;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="discipline">
      <AgreementCard key={d.agreement?.id ?? 'none'} caseId={caseId} discipline={d} editable={editable} />
      <SummariesCard caseId={caseId} summaries={d.summaries} editable={editable} />
      <PlanCard caseId={caseId} plan={d.plan} version={d.planVersion ?? 0} editable={editable} />
      <DisciplineExtras
        caseId={caseId}
        links={d.links}
        checkpoints={d.checkpoints}
        agreement={d.agreement}
        editable={editable}
      />
    </Space>
  );
}

/** Solving requires the closing summary; the server's `closingSummary/...` errors land next to the fields. */
export function SolveModal({
  open,
  initial,
  saving,
  form,
  onCancel,
  onOk,
  extra,
  links,
}: {
  open: boolean;
  /** More fields inside the dialog's form (e.g. a complaint's root cause and corrective action). */
  extra?: ReactNode;
  /** The case's related problems: open blocking items and follow-ups are shown above the form. */
  links?: CaseLink[];
  /** A stored closing summary (the case was solved before): offered again. */
  initial: ClosingSummaryInput | null;
  saving: boolean;
  form: ReturnType<typeof Form.useForm<{ closingSummary?: Partial<ClosingSummaryInput> }>>[0];
  onCancel: () => void;
  /** Nothing written at all gives undefined: the server then names each missing field. */
  onOk: (closingSummary: ClosingSummaryInput | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={t('discipline.closing.modalTitle')}
      onCancel={onCancel}
      destroyOnHidden
      width={640}
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={saving}
          onClick={() => form.submit()}
          data-testid="solve-submit"
        >
          {t('discipline.closing.submit')}
        </Button>,
      ]}
    >
      <div data-testid="solve-modal">
        <SolveOpenItems links={links} />
        <Typography.Paragraph type="secondary">{t('discipline.closing.modalHelp')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={
            initial
              ? {
                  closingSummary: {
                    cause: initial.cause,
                    fix: initial.fix,
                    customerNotes: initial.customerNotes,
                  },
                }
              : {}
          }
          onFinish={(values) => {
            const summary = {
              cause: (values.closingSummary?.cause ?? '').trim(),
              fix: (values.closingSummary?.fix ?? '').trim(),
              customerNotes: (values.closingSummary?.customerNotes ?? '').trim(),
            };
            onOk(summary.cause || summary.fix || summary.customerNotes ? summary : undefined);
          }}
        >
          <Form.Item name={['closingSummary', 'cause']} label={t('discipline.closing.cause')} required>
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={5000}
              data-testid="closing-cause"
              autoFocus
            />
          </Form.Item>
          <Form.Item name={['closingSummary', 'fix']} label={t('discipline.closing.fix')} required>
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={5000}
              data-testid="closing-fix"
            />
          </Form.Item>
          <Form.Item
            name={['closingSummary', 'customerNotes']}
            label={t('discipline.closing.customerNotes')}
            extra={t('discipline.closing.customerNotesHelp')}
            required
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={5000}
              data-testid="closing-notes"
            />
          </Form.Item>
          {extra}
        </Form>
      </div>
    </Modal>
  );
}
