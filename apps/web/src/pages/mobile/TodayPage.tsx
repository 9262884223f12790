import { Button, Card, Empty, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../lib/useLocale';
import { useSignedIn } from '../../features/auth/session';

export default function TodayPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useSignedIn();
  const today = new Intl.DateTimeFormat(locale, { dateStyle: 'full' }).format(new Date());
  return (
    <div data-testid="m-today">
      <Card className="m-card" variant="borderless">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('mobile.hello', { name: me.name })}
        </Typography.Title>
        <Typography.Text type="secondary">{today}</Typography.Text>
      </Card>
      <Card className="m-card" variant="borderless" title={t('mobile.todaysVisits')}>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <span>
              <Typography.Text strong>{t('mobile.noVisits')}</Typography.Text>
              <br />
              <Typography.Text type="secondary">{t('mobile.noVisitsText')}</Typography.Text>
            </span>
          }
          data-testid="m-no-visits"
        >
          <Link to="/m/customers">
            <Button type="primary" icon={<TeamOutlined />}>
              {t('mobile.findCustomer')}
            </Button>
          </Link>
        </Empty>
      </Card>
    </div>
  );
}
