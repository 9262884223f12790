import { Alert, Space, Tag } from 'antd';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasePresence, PresenceEntry, PresenceState } from '@aftercare/contracts';
import { fetchPresence, sendPresence } from './api';

const TICK_MS = 2_000;
const HEARTBEAT_MS = 10_000;
/** Between heartbeats, the others are fetched this often. */
const POLL_MS = 4_000;

/** Whether the reply editor of the case holds text (the composer keeps its draft in sessionStorage). */
function replying(caseId: string): boolean {
  return !!sessionStorage.getItem(`case-draft:${caseId}:reply`)?.trim();
}

/**
 * Tells the server that I am on the case (viewing, or replying while the reply editor has text) with a heartbeat
 * about every 10 s, at once when that changes, and "left" when I go; shows the others on the case (polled).
 */
export function CasePresenceBar({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [others, setOthers] = useState<PresenceEntry[]>([]);
  const last = useRef<{ state: PresenceState; at: number } | null>(null);

  useEffect(() => {
    let stopped = false;
    let fetchedAt = 0;
    const show = (p: Promise<CasePresence>) => {
      fetchedAt = Date.now();
      p.then((r) => {
        if (!stopped) setOthers(r.others);
      }).catch(() => {
        last.current = null;
      });
    };
    const beat = () => {
      if (document.visibilityState === 'hidden') return;
      const state: PresenceState = replying(caseId) ? 'replying' : 'viewing';
      const prev = last.current;
      if (!prev || prev.state !== state || Date.now() - prev.at >= HEARTBEAT_MS) {
        last.current = { state, at: Date.now() };
        show(sendPresence(caseId, state));
      } else if (Date.now() - fetchedAt >= POLL_MS) {
        show(fetchPresence(caseId));
      }
    };
    beat();
    const timer = window.setInterval(beat, TICK_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      last.current = null;
      void sendPresence(caseId, 'left').catch(() => undefined);
    };
  }, [caseId]);

  const writers = others.filter((o) => o.state === 'replying');
  const viewers = others.filter((o) => o.state === 'viewing');
  if (others.length === 0) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="case-presence">
      {writers.length ? (
        <Alert
          type="warning"
          showIcon
          icon={<EditOutlined />}
          data-testid="case-presence-replying"
          message={t('teams.presence.replying', { names: writers.map((w) => w.name).join('、') })}
        />
      ) : null}
      {viewers.length ? (
        <div>
          {viewers.map((v) => (
            <Tag key={v.userId} icon={<EyeOutlined />} data-testid="case-presence-viewing">
              {t('teams.presence.viewing', { name: v.name })}
            </Tag>
          ))}
        </div>
      ) : null}
    </Space>
  );
}
