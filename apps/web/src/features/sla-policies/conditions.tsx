import { Col, Form, Row, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  CaseSeverities,
  CaseTypes,
  CustomerTiers,
  type Customer,
  type PolicyConditions,
} from '@aftercare/contracts';
import { RemoteSelect } from '../../ui/RemoteSelect';
import { customers } from '../customers/api';
import { serviceContracts, useEditionOptions } from '../contracts/api';

/**
 * The one editor of SLA policy conditions, used by the SLA policies page and by the conditions card of the
 * service-levels page: form values, their conversion to and from the API shape, the fields and a summary in words.
 */
export type ContractFlag = 'any' | 'yes' | 'no';
export interface ConditionValues {
  tiers: NonNullable<PolicyConditions['tiers']>;
  types: NonNullable<PolicyConditions['types']>;
  severities: NonNullable<PolicyConditions['severities']>;
  customerIds: string[];
  editionIds: string[];
  contractIds: string[];
  hasActiveContract: ContractFlag;
}

export function toConditionValues(c: PolicyConditions = {}): ConditionValues {
  return {
    tiers: c.tiers ?? [],
    types: c.types ?? [],
    severities: c.severities ?? [],
    customerIds: c.customerIds ?? [],
    editionIds: c.editionIds ?? [],
    contractIds: c.contractIds ?? [],
    hasActiveContract: c.hasActiveContract === undefined ? 'any' : c.hasActiveContract ? 'yes' : 'no',
  };
}

/** Empty lists are left out: an absent list matches everything. */
export function toPolicyConditions(v: ConditionValues): PolicyConditions {
  const out: PolicyConditions = {};
  if (v.tiers.length) out.tiers = v.tiers;
  if (v.types.length) out.types = v.types;
  if (v.severities.length) out.severities = v.severities;
  if (v.customerIds.length) out.customerIds = v.customerIds;
  if (v.editionIds.length) out.editionIds = v.editionIds;
  if (v.contractIds.length) out.contractIds = v.contractIds;
  if (v.hasActiveContract !== 'any') out.hasActiveContract = v.hasActiveContract === 'yes';
  return out;
}

/** A customer's name, looked up once (tags of a stored list of ids). */
function CustomerName({ id }: { id: string }) {
  const one = customers.useOne(id);
  return <>{one.data?.name ?? id.slice(0, 8)}</>;
}

/** Adds customers found by search to a list, shown as removable tags. */
function CustomersPicker({ value = [], onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <RemoteSelect<Customer>
        path="/customers"
        toOption={(x) => ({ value: x.id, label: `${x.name} (${x.code})`, text: x.name })}
        value={null}
        placeholder={t('slaPolicies.conditions.addCustomer')}
        onChange={(id) => {
          if (id && !value.includes(id)) onChange?.([...value, id]);
        }}
        testId="policy-customers"
        style={{ width: '100%' }}
      />
      {value.length ? (
        <Space wrap size={[4, 4]}>
          {value.map((id) => (
            <Tag key={id} closable onClose={() => onChange?.(value.filter((x) => x !== id))}>
              <CustomerName id={id} />
            </Tag>
          ))}
        </Space>
      ) : null}
    </Space>
  );
}

/**
 * The condition fields, under `prefix` in the surrounding form (e.g. `['conditions']`, or none).
 * `customers: false` leaves the customer list out (it is kept as it was).
 */
export function ConditionsFields({
  prefix = [],
  withCustomers = true,
}: {
  prefix?: string[];
  withCustomers?: boolean;
}) {
  const { t } = useTranslation();
  const editions = useEditionOptions();
  const contracts = serviceContracts.useList({ pageSize: 200 });
  const name = (n: keyof ConditionValues) => [...prefix, n];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('contracts.policies.help')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={name('tiers')} label={t('customers.tier')}>
            <Select
              mode="multiple"
              allowClear
              options={CustomerTiers.map((v) => ({ value: v, label: t(`tiers.${v}`) }))}
              data-testid="policy-tiers"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={name('types')} label={t('cases.type')}>
            <Select
              mode="multiple"
              allowClear
              options={CaseTypes.map((v) => ({ value: v, label: t(`caseType.${v}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={name('severities')} label={t('cases.severity')}>
            <Select
              mode="multiple"
              allowClear
              options={CaseSeverities.map((v) => ({ value: v, label: v }))}
              data-testid="policy-severities"
            />
          </Form.Item>
        </Col>
      </Row>
      {withCustomers ? (
        <Form.Item name={name('customerIds')} label={t('slaPolicies.conditions.customers')}>
          <CustomersPicker />
        </Form.Item>
      ) : null}
      <Form.Item name={name('editionIds')} label={t('contracts.policies.editions')}>
        <Select
          mode="multiple"
          allowClear
          optionFilterProp="label"
          loading={editions.isPending}
          options={editions.data ?? []}
          data-testid="policy-editions"
        />
      </Form.Item>
      <Form.Item name={name('contractIds')} label={t('contracts.policies.contracts')}>
        <Select
          mode="multiple"
          allowClear
          optionFilterProp="label"
          loading={contracts.isPending}
          options={(contracts.data?.items ?? []).map((c) => ({
            value: c.id,
            label: `${c.number} ${c.customerName} · ${c.name}`,
          }))}
          data-testid="policy-contracts"
        />
      </Form.Item>
      <Form.Item name={name('hasActiveContract')} label={t('contracts.policies.hasActiveContract')}>
        <Select
          options={(['any', 'yes', 'no'] as const).map((v) => ({
            value: v,
            label: t(`contracts.policies.flag.${v}`),
          }))}
        />
      </Form.Item>
    </>
  );
}

/** The conditions of a policy in words, as tags ("All cases" when there are none). */
export function ConditionsSummary({
  conditions: c,
  enabled = true,
}: {
  conditions: PolicyConditions;
  enabled?: boolean;
}) {
  const { t } = useTranslation();
  const editions = useEditionOptions(enabled && !!c.editionIds?.length);
  const contracts = serviceContracts.useList(
    { pageSize: 200 },
    { enabled: enabled && !!c.contractIds?.length },
  );
  const editionName = (id: string) => editions.data?.find((e) => e.value === id)?.label ?? id.slice(0, 8);
  const contractName = (id: string) =>
    contracts.data?.items.find((x) => x.id === id)?.number ?? id.slice(0, 8);
  const list = (label: string, values: string[]) =>
    values.length ? [`${label}: ${values.join(t('slaPolicies.or'))}`] : [];
  const tags: string[] = [
    ...list(
      t('customers.tier'),
      (c.tiers ?? []).map((x) => t(`tiers.${x}`)),
    ),
    ...list(
      t('cases.type'),
      (c.types ?? []).map((x) => t(`caseType.${x}`)),
    ),
    ...list(t('cases.severity'), c.severities ?? []),
    ...(c.customerIds?.length ? [t('contracts.policies.nCustomers', { count: c.customerIds.length })] : []),
    ...list(t('contracts.policies.editions'), (c.editionIds ?? []).map(editionName)),
    ...list(t('contracts.policies.contracts'), (c.contractIds ?? []).map(contractName)),
    ...(c.hasActiveContract === undefined
      ? []
      : [t(`contracts.policies.flag.${c.hasActiveContract ? 'yes' : 'no'}`)]),
  ];
  if (tags.length === 0) return <Tag>{t('contracts.policies.all')}</Tag>;
  return (
    <Space wrap size={[4, 4]}>
      {tags.map((x) => (
        <Tag key={x} style={{ whiteSpace: 'normal' }}>
          {x}
        </Tag>
      ))}
    </Space>
  );
}
