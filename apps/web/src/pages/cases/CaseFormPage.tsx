import { App, Button, Card, Col, Form, Input, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import {
  CaseSeverities,
  CaseTypes,
  StaffCaseChannels,
  type CaseCreate,
  type CaseSeverity,
  type CaseType,
  type Contact,
} from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { RemoteSelect, type RemoteOption } from '../../ui/RemoteSelect';
import { CustomerSelect } from '../../features/customers/CustomerSelect';
import { UserSelect } from '../../features/settings/UserSelect';
import { useCan } from '../../features/auth/session';
import { useCreateCase } from '../../features/cases/api';
import { TeamSelect } from '../../features/teams/TeamSelect';
import { CaseCoverageFields, coverageOf } from '../../features/contracts/CaseCoverage';

type StaffChannel = (typeof StaffCaseChannels)[number];

interface Values {
  customerId: string;
  contactId?: string | null;
  subject: string;
  type: CaseType;
  severity: CaseSeverity;
  channel: StaffChannel;
  body: string;
  assigneeId?: string | null;
  teamId?: string | null;
  contractId?: string | null;
  assetId?: string | null;
}

const contactOption = (c: Contact): RemoteOption => ({
  value: c.id,
  label: c.email ? `${c.name} · ${c.email}` : c.name,
  text: c.name,
});

/** Log a case that came in by phone, on a visit or by e-mail. */
export default function CaseFormPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateCase();
  const handleError = useApiError();
  const { message } = App.useApp();
  const can = useCan();
  const customerId = Form.useWatch('customerId', form);

  const submit = (values: Values) => {
    const body: CaseCreate = {
      customerId: values.customerId,
      contactId: values.contactId ?? null,
      subject: values.subject.trim(),
      type: values.type,
      severity: values.severity,
      channel: values.channel,
      body: values.body,
      assigneeId: values.assigneeId ?? null,
      teamId: values.teamId ?? null,
      ...coverageOf(values),
    };
    create.mutate(body, {
      onSuccess: (saved) => {
        void message.success(t('cases.created', { number: saved.number }));
        navigate(`/app/cases/${saved.id}`, { replace: true });
      },
      onError: (error) => handleError(error, { form }),
    });
  };

  return (
    <>
      <PageHeader title={t('cases.create')} subtitle={t('cases.createSubtitle')} />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          scrollToFirstError
          data-testid="case-form"
          initialValues={{
            customerId: params.get('customerId') ?? undefined,
            type: 'question',
            severity: 'S3',
            channel: 'phone',
          }}
          onFinish={submit}
          style={{ maxWidth: 880 }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="customerId"
                label={t('cases.customer')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <CustomerSelect
                  testId="case-customer"
                  onChange={(value) =>
                    form.setFieldsValue({
                      customerId: value ?? undefined,
                      contactId: null,
                      contractId: null,
                      assetId: null,
                    })
                  }
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="contactId" label={t('cases.contact')} extra={t('cases.contactHelp')}>
                <RemoteSelect<Contact>
                  path="/contacts"
                  params={{ customerId }}
                  toOption={contactOption}
                  disabled={!customerId}
                  placeholder={customerId ? t('cases.chooseContact') : t('cases.chooseCustomerFirst')}
                  testId="case-contact"
                />
              </Form.Item>
            </Col>
            <CaseCoverageFields customerId={customerId} />
            <Col xs={24}>
              <Form.Item
                name="subject"
                label={t('cases.subject')}
                rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
              >
                <Input maxLength={200} data-testid="case-subject" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="type" label={t('cases.type')}>
                <Select
                  data-testid="case-type"
                  options={CaseTypes.map((v) => ({ value: v, label: t(`caseType.${v}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="severity" label={t('cases.severity')}>
                <Select
                  data-testid="case-severity"
                  options={CaseSeverities.map((v) => ({
                    value: v,
                    label: `${v} · ${t(`caseSeverity.${v}`)}`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="channel" label={t('cases.channel')}>
                <Select
                  data-testid="case-channel"
                  options={StaffCaseChannels.map((v) => ({ value: v, label: t(`caseChannel.${v}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="body"
                label={t('cases.firstMessage')}
                extra={t('cases.firstMessageHelp')}
                rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 5, maxRows: 16 }}
                  maxLength={50_000}
                  data-testid="case-body"
                />
              </Form.Item>
            </Col>
            {can('users.read') ? (
              <Col xs={24} md={12}>
                <Form.Item name="assigneeId" label={t('cases.assignee')}>
                  <UserSelect testId="case-assignee-input" placeholder={t('cases.chooseAssignee')} />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24} md={12}>
              <Form.Item name="teamId" label={t('teams.team')}>
                <TeamSelect testId="case-team-input" />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="case-save">
              {t('common.save')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
