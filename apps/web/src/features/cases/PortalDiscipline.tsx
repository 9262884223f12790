import { App, Button, Card, Checkbox, Empty, Space, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CaseDiscipline } from '@aftercare/contracts';
import { formatDateTime } from '../../lib/format';
import { useApiError } from '../../lib/useApiError';
import { useLocale } from '../../lib/useLocale';
import { useConfirmAgreement, useTickPlanStep } from './api';
import { AttachmentList } from '../attachments/AttachmentList';
import {
  AgreementProposed,
  AgreementStateTag,
  ClosingSummaryCard,
  Prose,
  SummaryView,
} from './DisciplineViews';

/**
 * What the contact sees of the case discipline: the closing summary once solved, the agreed outcome to confirm,
 * the latest status summary, and the action plan as a checklist to tick.
 */
export function PortalDiscipline({
  caseId,
  status,
  discipline,
}: {
  caseId: string;
  status: string;
  discipline: CaseDiscipline | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const handleError = useApiError();
  const confirm = useConfirmAgreement(caseId);
  const tick = useTickPlanStep(caseId);
  const solved = status === 'solved' || status === 'closed';
  const writable = status !== 'closed';
  const agreement = discipline?.agreement ?? null;
  const latest = discipline?.summaries[0];
  const plan = discipline?.plan ?? [];
  const closing = discipline?.closingSummary ?? null;
  const done = plan.filter((s) => s.doneAt !== null).length;

  return (
    <div data-testid="portal-discipline">
      {solved && closing ? <ClosingSummaryCard summary={closing} testId="portal-closing-summary" /> : null}
      {agreement ? (
        <Card
          size="small"
          title={t('discipline.agreement.title')}
          style={{ marginBottom: 16 }}
          data-testid="portal-agreement"
          extra={<AgreementStateTag agreement={agreement} testId="portal-agreement-state" />}
        >
          <Space direction="vertical" size={8} style={{ width: '100%' }}>
            <Prose text={agreement.text} />
            <AgreementProposed agreement={agreement} />
            {agreement.confirmedAt === null && writable ? (
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                <Typography.Text type="secondary">{t('discipline.agreement.confirmHelp')}</Typography.Text>
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={confirm.isPending}
                  onClick={() =>
                    confirm.mutate(undefined, {
                      onSuccess: () => void message.success(t('discipline.agreement.confirmedToast')),
                      onError: (error) => handleError(error),
                    })
                  }
                  data-testid="portal-agreement-confirm"
                >
                  {t('discipline.agreement.confirm')}
                </Button>
              </div>
            ) : null}
          </Space>
        </Card>
      ) : null}
      {latest ? (
        <Card
          size="small"
          title={t('discipline.summary.latest')}
          style={{ marginBottom: 16 }}
          data-testid="portal-summary-latest"
        >
          <SummaryView summary={latest} />
        </Card>
      ) : null}
      <Card
        size="small"
        title={t('discipline.plan.title')}
        style={{ marginBottom: 16 }}
        data-testid="portal-plan"
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
            style={{ margin: '8px 0' }}
          />
        ) : (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('discipline.plan.tickHelp')}</Typography.Text>
            {plan.map((step, i) => {
              const stepDone = step.doneAt !== null;
              return (
                <div
                  key={step.id}
                  className="discipline-step"
                  data-testid={`portal-plan-step-${i}`}
                  data-done={stepDone ? 'true' : 'false'}
                >
                  <Checkbox
                    checked={stepDone}
                    disabled={!writable || (tick.isPending && tick.variables.stepId === step.id)}
                    onChange={(e) =>
                      tick.mutate(
                        { stepId: step.id, done: e.target.checked },
                        { onError: (error) => handleError(error) },
                      )
                    }
                  >
                    <Typography.Text strong delete={stepDone}>
                      {i + 1}. {step.title}
                    </Typography.Text>
                  </Checkbox>
                  <div style={{ paddingLeft: 24 }}>
                    {step.expectedResult ? (
                      <div>
                        <Typography.Text type="secondary">
                          {t('discipline.plan.expected')}: {step.expectedResult}
                        </Typography.Text>
                      </div>
                    ) : null}
                    {stepDone ? (
                      <Tag color="green" style={{ marginTop: 4 }}>
                        {t('discipline.plan.doneBy', {
                          name: step.doneBy ?? t('discipline.someone'),
                          time: formatDateTime(step.doneAt, locale),
                        })}
                      </Tag>
                    ) : null}
                    <AttachmentList files={step.attachments} />
                  </div>
                </div>
              );
            })}
          </Space>
        )}
      </Card>
    </div>
  );
}
