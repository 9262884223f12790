import { useState } from 'react';
import { Card, Col, Empty, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useCalendarList } from '../../features/calendars/api';
import { CalendarList } from '../../features/calendars/CalendarList';
import { CalendarEditor } from '../../features/calendars/CalendarEditor';
import { ImportIcsDialog } from '../../features/calendars/ImportIcsDialog';
import { CalendarPreviewCard } from '../../features/calendars/CalendarPreviewCard';

/** Service calendars: the hours SLA targets are counted in. */
export default function CalendarsPage() {
  const { t } = useTranslation();
  const { data, isPending, error, refetch } = useCalendarList();
  const [picked, setPicked] = useState<string | undefined>();
  const [importing, setImporting] = useState(false);
  const selected = data?.find((c) => c.id === picked) ?? data?.find((c) => c.isDefault) ?? data?.[0];
  return (
    <>
      <PageHeader title={t('calendars.nav')} subtitle={t('calendars.subtitle')} />
      {isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24}>
            <Card size="small">
              <CalendarList calendars={data} selectedId={selected?.id} onSelect={setPicked} />
            </Card>
          </Col>
          {selected ? (
            <>
              <Col xs={24} xl={14}>
                <CalendarEditor key={selected.id} calendar={selected} onImport={() => setImporting(true)} />
                <ImportIcsDialog calendar={selected} open={importing} onClose={() => setImporting(false)} />
              </Col>
              <Col xs={24} xl={10}>
                <CalendarPreviewCard calendar={selected} />
              </Col>
            </>
          ) : (
            <Col xs={24}>
              <Card>
                <Empty description={t('calendars.pickOne')} />
              </Card>
            </Col>
          )}
        </Row>
      )}
    </>
  );
}
