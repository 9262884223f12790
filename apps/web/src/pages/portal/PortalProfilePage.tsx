import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PasswordCard, ProfileCard } from '../../features/auth/ProfileForms';

export default function PortalProfilePage() {
  const { t } = useTranslation();
  return (
    <div data-testid="portal-profile">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('nav.profile')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ProfileCard />
        </Col>
        <Col xs={24} lg={12}>
          <PasswordCard />
        </Col>
      </Row>
    </div>
  );
}
