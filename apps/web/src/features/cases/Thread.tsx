import { Avatar, Empty, Space, Tag, Typography } from 'antd';
import { CustomerServiceOutlined, LockOutlined, RobotOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Attachment,
  Mention,
  MessageAuthorType,
  MessageDelivery,
  MessageVisibility,
} from '@aftercare/contracts';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { AttachmentList } from '../attachments/AttachmentList';
import { MessageBody } from '../attachments/MessageBody';
import { DeliveryTag } from '../mail-outbound/DeliveryTag';

export interface ThreadMessage {
  id: string;
  visibility?: MessageVisibility;
  authorType: MessageAuthorType;
  authorName: string | null;
  bodyHtml: string;
  createdAt: string;
  attachments?: Attachment[];
  mentions?: Mention[];
  /** Staff side: how the mail of a public reply fares. */
  delivery?: MessageDelivery | null;
}

const AUTHOR_ICON: Record<MessageAuthorType, ReactNode> = {
  user: <CustomerServiceOutlined />,
  contact: <UserOutlined />,
  system: <RobotOutlined />,
};

/**
 * A case conversation, oldest first. Internal notes (staff only) are yellow with a lock; messages from the
 * customer sit on the other side from the staff's. `side` says whose point of view the thread is seen from.
 */
export function Thread({
  messages,
  side,
  caseId,
  badge,
  footer,
}: {
  messages: ThreadMessage[];
  side: 'staff' | 'contact';
  /** Staff side: the case, for "retry now" on a failed mail. */
  caseId?: string;
  /** Extra tags in a message's head (the "email" badge). */
  badge?: (m: ThreadMessage) => ReactNode;
  /** Extra content under a message (the original of a mail). */
  footer?: (m: ThreadMessage) => ReactNode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (messages.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.noMessages')} />;
  }
  return (
    <div className="case-thread" data-testid="case-thread">
      {messages.map((m) => {
        const internal = m.visibility === 'internal';
        const mine = side === 'staff' ? m.authorType === 'user' : m.authorType === 'contact';
        const classes = [
          'case-message',
          internal ? 'case-message-internal' : '',
          m.authorType === 'system' ? 'case-message-system' : '',
          mine ? 'case-message-mine' : '',
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <div key={m.id} className={classes} data-testid="case-message" data-visibility={m.visibility}>
            <div data-testid={internal ? 'case-message-internal' : undefined}>
              <div className="case-message-head">
                <Space size={6} wrap>
                  <Avatar size="small" icon={AUTHOR_ICON[m.authorType]} />
                  <Typography.Text strong>
                    {m.authorName ?? t(`cases.author.${m.authorType}`)}
                  </Typography.Text>
                  {internal ? (
                    <Tag color="gold" icon={<LockOutlined />}>
                      {t('cases.internalNote')}
                    </Tag>
                  ) : null}
                  {side === 'staff' && caseId && m.delivery ? (
                    <DeliveryTag caseId={caseId} delivery={m.delivery} />
                  ) : null}
                  {badge?.(m)}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(m.createdAt, locale)}
                  </Typography.Text>
                </Space>
              </div>
              <MessageBody html={m.bodyHtml} mentions={m.mentions} />
              <AttachmentList files={m.attachments} />
              {footer?.(m)}
            </div>
          </div>
        );
      })}
    </div>
  );
}
