import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { PasswordCard, ProfileCard } from '../../features/auth/ProfileForms';
import { NotificationPreferencesCard } from '../../features/notifications/NotificationPreferencesCard';

export default function ProfilePage() {
  const { t } = useTranslation();
  return (
    <div data-testid="profile-page">
      <PageHeader title={t('nav.profile')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ProfileCard />
        </Col>
        <Col xs={24} lg={12}>
          <PasswordCard />
        </Col>
        <Col xs={24} lg={12}>
          <NotificationPreferencesCard />
        </Col>
      </Row>
    </div>
  );
}
