import { Col, Descriptions, Form, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Asset, CaseDetail, PageOf, ServiceContract } from '@aftercare/contracts';
import { api } from '../../lib/api';
import { useApiError } from '../../lib/useApiError';
import { useCan } from '../auth/session';
import { useUpdateCase } from '../cases/api';
import { serviceContracts } from './api';

const assetLabel = (a: Asset) =>
  [a.productName, a.editionName, a.serialNumber].filter((x): x is string => Boolean(x)).join(' · ');

function useCustomerAssets(customerId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['assets', 'list', { customerId, pageSize: 200 }],
    queryFn: ({ signal }) => api.get<PageOf<Asset>>('/assets', { customerId, pageSize: 200 }, signal),
    enabled: enabled && !!customerId,
  });
}

function useContractOptions(customerId: string | undefined) {
  const { t } = useTranslation();
  const list = serviceContracts.useList({ customerId, pageSize: 100 }, { enabled: !!customerId });
  return {
    loading: list.isPending && !!customerId,
    options: (list.data?.items ?? []).map((c: ServiceContract) => ({
      value: c.id,
      label: `${c.number} ${c.name} (${t(`contracts.state.${c.state}`)})`,
    })),
  };
}

/** The case-create form's contract and installed-product fields (staff); empty contract = automatic. */
export function CaseCoverageFields({ customerId }: { customerId: string | undefined }) {
  const { t } = useTranslation();
  const can = useCan();
  const contracts = useContractOptions(customerId);
  const assets = useCustomerAssets(customerId, can('assets.read'));
  const placeholder = customerId ? undefined : t('contracts.chooseCustomerFirst');
  return (
    <>
      <Col xs={24} md={12}>
        <Form.Item name="contractId" label={t('contracts.contract')} extra={t('contracts.contractHelp')}>
          <Select
            allowClear
            disabled={!customerId}
            loading={contracts.loading}
            placeholder={placeholder ?? t('contracts.autoContract')}
            options={contracts.options}
            data-testid="case-contract"
          />
        </Form.Item>
      </Col>
      {can('assets.read') ? (
        <Col xs={24} md={12}>
          <Form.Item name="assetId" label={t('contracts.asset')} extra={t('contracts.assetHelp')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              disabled={!customerId}
              loading={assets.isPending && !!customerId}
              placeholder={placeholder ?? t('contracts.noAsset')}
              options={(assets.data?.items ?? []).map((a) => ({ value: a.id, label: assetLabel(a) }))}
              data-testid="case-asset"
            />
          </Form.Item>
        </Col>
      ) : null}
    </>
  );
}

/** What the case-create form sends: absent contract = the server picks the active one. */
export function coverageOf(v: { contractId?: string | null; assetId?: string | null }) {
  return {
    ...(v.contractId ? { contractId: v.contractId } : {}),
    ...(v.assetId ? { assetId: v.assetId } : {}),
  };
}

/**
 * In the case's SLA card: the contract the case is served under ("per contract SC-00001, 7×24 calendar") and
 * the installed product, both editable by agents (the server recomputes the SLA).
 */
export function CaseCoverage({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const handleError = useApiError();
  const update = useUpdateCase();
  const contract = serviceContracts.useOne(c.contractId ?? undefined);
  const contracts = useContractOptions(c.customerId);
  const assets = useCustomerAssets(c.customerId, can('assets.read'));
  const editable = can('cases.write') && c.status !== 'closed' && c.actions.includes('update');
  const save = (patch: { contractId?: string | null; assetId?: string | null }) =>
    update.mutate({ id: c.id, patch: { ...patch, version: c.version } }, { onError: (e) => handleError(e) });
  const sc = c.contractId ? contract.data : undefined;
  const currentAsset = assets.data?.items.find((a) => a.id === c.assetId);
  return (
    <Space direction="vertical" size={8} style={{ width: '100%', marginTop: 12 }} data-testid="case-coverage">
      {sc ? (
        <Typography.Text type="secondary" data-testid="case-contract-line">
          {sc.calendarName
            ? t('contracts.perContract', { number: sc.number, calendar: sc.calendarName })
            : t('contracts.perContractPolicyCalendar', { number: sc.number })}
        </Typography.Text>
      ) : null}
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('contracts.contract')}>
          {editable ? (
            <Select
              size="small"
              allowClear
              style={{ width: '100%', minWidth: 160 }}
              value={c.contractId ?? null}
              loading={contracts.loading || update.isPending}
              disabled={update.isPending}
              placeholder={t('contracts.noContract')}
              options={contracts.options}
              onChange={(value: string | null | undefined) => save({ contractId: value ?? null })}
              data-testid="case-contract-select"
            />
          ) : sc ? (
            `${sc.number} ${sc.name}`
          ) : (
            t('contracts.noContract')
          )}
        </Descriptions.Item>
        {can('assets.read') ? (
          <Descriptions.Item label={t('contracts.asset')}>
            {editable ? (
              <Select
                size="small"
                allowClear
                showSearch
                optionFilterProp="label"
                style={{ width: '100%', minWidth: 160 }}
                value={c.assetId ?? null}
                loading={assets.isPending || update.isPending}
                disabled={update.isPending}
                placeholder={t('contracts.noAsset')}
                options={(assets.data?.items ?? []).map((a) => ({ value: a.id, label: assetLabel(a) }))}
                onChange={(value: string | null | undefined) => save({ assetId: value ?? null })}
                data-testid="case-asset-select"
              />
            ) : currentAsset ? (
              assetLabel(currentAsset)
            ) : (
              t('contracts.noAsset')
            )}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Space>
  );
}
