import { Button, Tag, Typography } from 'antd';
import { MailOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailOriginal } from '@aftercare/contracts';
import { MessageBody } from '../attachments/MessageBody';

/** The "email" badge of a message that came in by mail. */
export function EmailBadge() {
  const { t } = useTranslation();
  return (
    <Tag icon={<MailOutlined />} color="geekblue" data-testid="message-email-badge">
      {t('mailChannels.badge')}
    </Tag>
  );
}

/** "Show original": the whole mail (quotes and signature the thread trims), hidden until asked for. */
export function MailOriginalToggle({ original }: { original: MailOriginal }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div className="mail-original">
      <Button
        type="link"
        size="small"
        style={{ padding: 0 }}
        onClick={() => setOpen(!open)}
        data-testid="mail-original-toggle"
      >
        {open ? t('mailChannels.hideOriginal') : t('mailChannels.showOriginal')}
      </Button>
      {open ? (
        <div
          data-testid="mail-original"
          style={{ borderLeft: '3px solid #d9d9d9', paddingLeft: 12, marginTop: 4, overflowWrap: 'anywhere' }}
        >
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {original.from} · {original.subject}
          </Typography.Text>
          {original.html ? (
            <MessageBody html={original.html} />
          ) : (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {original.text}
            </Typography.Paragraph>
          )}
        </div>
      ) : null}
    </div>
  );
}
