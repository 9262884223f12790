import {
  Alert,
  Button,
  Card,
  Col,
  Progress,
  Result,
  Row,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import {
  CheckCircleOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  InboxOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Limits, OrderImportColumns, type ImportResult, type ImportRowError } from '@aftercare/contracts';
import { api, isApiError } from '../../lib/api';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';

type Outcome =
  | { kind: 'valid'; result: ImportResult }
  | { kind: 'imported'; result: ImportResult }
  | { kind: 'rowErrors'; message: string; errors: ImportRowError[] }
  | { kind: 'unreadable'; message: string };

function rowErrorsOf(details: unknown): ImportRowError[] {
  if (!Array.isArray(details)) return [];
  return details
    .filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null)
    .map((d) => ({
      row: typeof d.row === 'number' ? d.row : Number(d.row) || 0,
      field: typeof d.field === 'string' ? d.field : '',
      message: typeof d.message === 'string' ? d.message : String(d.message ?? ''),
    }));
}

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default function OrderImportPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const handleError = useApiError();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [running, setRunning] = useState<'dry' | 'import' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [validated, setValidated] = useState(false);
  const dropRef = useRef<HTMLDivElement>(null);

  // antd's Upload does not forward attributes to its <input type=file>; tag it for tests and screen readers.
  useEffect(() => {
    const input = dropRef.current?.querySelector('input[type=file]');
    input?.setAttribute('data-testid', 'import-file-input');
    input?.setAttribute('aria-label', t('import.chooseFile'));
  });

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setRunning(dryRun ? 'dry' : 'import');
    setProgress(0);
    setOutcome(null);
    try {
      const result = await api.upload<ImportResult>('/orders/import', file, {
        query: dryRun ? { dryRun: 'true' } : undefined,
        onProgress: setProgress,
      });
      if (result.errors.length > 0) {
        setOutcome({ kind: 'rowErrors', message: t('import.rowErrorsFound'), errors: result.errors });
      } else if (dryRun) {
        setOutcome({ kind: 'valid', result });
        setValidated(true);
      } else {
        setOutcome({ kind: 'imported', result });
        setFile(null);
        setValidated(false);
        await client.invalidateQueries({ queryKey: ['orders'] });
        await client.invalidateQueries({ queryKey: ['assets'] });
      }
    } catch (error) {
      if (isApiError(error, 'import_failed')) {
        setOutcome({ kind: 'rowErrors', message: error.message, errors: rowErrorsOf(error.details) });
      } else if (
        isApiError(error, 'file_unreadable') ||
        isApiError(error, 'unsupported_media_type') ||
        isApiError(error, 'body_too_large')
      ) {
        setOutcome({ kind: 'unreadable', message: error.message });
      } else {
        handleError(error);
      }
    } finally {
      setRunning(null);
      setProgress(null);
    }
  };

  const fileList: UploadFile[] = file
    ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }]
    : [];
  const errorColumns: TableColumnsType<ImportRowError> = [
    {
      key: 'row',
      title: t('import.row'),
      dataIndex: 'row',
      width: 90,
      sorter: (a, b) => a.row - b.row,
      defaultSortOrder: 'ascend',
    },
    {
      key: 'field',
      title: t('import.field'),
      dataIndex: 'field',
      width: 180,
      render: (f: string) => (f ? <Tag>{f}</Tag> : '—'),
    },
    { key: 'message', title: t('import.message'), dataIndex: 'message' },
  ];
  const step = outcome?.kind === 'imported' ? 4 : validated ? 2 : file ? 1 : 0;

  return (
    <>
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card>
            <Steps
              size="small"
              current={step}
              style={{ marginBottom: 24 }}
              items={[
                { title: t('import.stepTemplate') },
                { title: t('import.stepValidate') },
                { title: t('import.stepImport') },
                { title: t('import.stepDone') },
              ]}
            />
            <div ref={dropRef} data-testid="import-upload">
              <Upload.Dragger
                accept={ACCEPT}
                multiple={false}
                maxCount={1}
                fileList={fileList}
                disabled={running !== null}
                beforeUpload={(f) => {
                  setFile(f);
                  setOutcome(null);
                  setValidated(false);
                  return false;
                }}
                onRemove={() => {
                  setFile(null);
                  setOutcome(null);
                  setValidated(false);
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('import.dropHere')}</p>
                <p className="ant-upload-hint">
                  {t('import.hint', { rows: Limits.importRows, mb: Limits.uploadBytes / 1_048_576 })}
                </p>
              </Upload.Dragger>
            </div>
            {progress !== null ? (
              <div style={{ marginTop: 16 }} data-testid="import-progress">
                <Typography.Text type="secondary">
                  {progress < 100 ? t('import.uploading') : t('import.processing')}
                </Typography.Text>
                <Progress percent={progress} status="active" />
              </div>
            ) : null}
            <Space wrap style={{ marginTop: 16 }}>
              <Button
                icon={<SafetyOutlined />}
                disabled={!file || running !== null}
                loading={running === 'dry'}
                onClick={() => void run(true)}
                data-testid="import-validate"
              >
                {t('import.validate')}
              </Button>
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                disabled={!file || running !== null}
                loading={running === 'import'}
                onClick={() => void run(false)}
                data-testid="import-submit"
              >
                {t('import.import')}
              </Button>
              {file && !validated ? (
                <Typography.Text type="secondary">{t('import.validateFirst')}</Typography.Text>
              ) : null}
            </Space>
            {outcome?.kind === 'valid' ? (
              <Alert
                style={{ marginTop: 16 }}
                type="success"
                showIcon
                data-testid="import-valid"
                message={t('import.validTitle')}
                description={t('import.validText', {
                  rows: outcome.result.imported,
                  orders: outcome.result.orders,
                })}
              />
            ) : null}
            {outcome?.kind === 'unreadable' ? (
              <Alert
                style={{ marginTop: 16 }}
                type="error"
                showIcon
                message={outcome.message}
                data-testid="import-unreadable"
              />
            ) : null}
            {outcome?.kind === 'rowErrors' ? (
              <div style={{ marginTop: 16 }}>
                <Alert
                  type="error"
                  showIcon
                  message={outcome.message}
                  description={t('import.fixAndRetry', { count: outcome.errors.length })}
                  style={{ marginBottom: 12 }}
                  data-testid="import-failed"
                />
                <Table<ImportRowError>
                  rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
                  size="small"
                  columns={errorColumns}
                  dataSource={outcome.errors}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  scroll={{ x: 'max-content' }}
                  data-testid="import-errors"
                />
              </div>
            ) : null}
            {outcome?.kind === 'imported' ? (
              <div data-testid="import-success">
                <Result
                  status="success"
                  title={t('import.successTitle')}
                  subTitle={t('import.successText', {
                    rows: outcome.result.imported,
                    orders: outcome.result.orders,
                  })}
                  extra={
                    <Link to="/app/orders">
                      <Button type="primary">{t('import.viewOrders')}</Button>
                    </Link>
                  }
                />
              </div>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('import.templateTitle')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">{t('import.templateText')}</Typography.Paragraph>
            <Space wrap>
              <a href="/api/orders/import/template?format=xlsx" download data-testid="import-template-xlsx">
                <Button icon={<FileExcelOutlined />}>{t('import.templateXlsx')}</Button>
              </a>
              <a href="/api/orders/import/template?format=csv" download data-testid="import-template-csv">
                <Button icon={<DownloadOutlined />}>{t('import.templateCsv')}</Button>
              </a>
            </Space>
          </Card>
          <Card title={t('import.columnsTitle')}>
            <Typography.Paragraph type="secondary">{t('import.columnsText')}</Typography.Paragraph>
            <Space direction="vertical" size={6} style={{ width: '100%' }}>
              {OrderImportColumns.map((c) => (
                <div key={c}>
                  <Typography.Text code>{c}</Typography.Text>{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t(`import.columns.${c}`)}
                  </Typography.Text>
                </div>
              ))}
            </Space>
          </Card>
        </Col>
      </Row>
    </>
  );
}
