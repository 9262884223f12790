import { Mentions } from 'antd';
import type { KeyboardEvent } from 'react';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useColleagues } from './api';

/** The colleagues picked from the autocomplete, by the name shown after "@". */
export type Picked = Map<string, string>;

/**
 * The ids of the colleagues picked whose "@name" is still in the text. The server receives these ids (the
 * `mentions` field), never names parsed from the text.
 */
export function mentionIds(text: string, picked: Picked): string[] {
  const ids = new Set<string>();
  for (const [name, id] of picked) if (text.includes(`@${name}`)) ids.add(id);
  return [...ids];
}

/** Keeps the picks of one text box; `reset` after sending. */
export function useMentionPicks() {
  const ref = useRef<Picked>(new Map());
  const pick = useCallback((name: string, id: string) => ref.current.set(name, id), []);
  const idsIn = useCallback((text: string) => mentionIds(text, ref.current), []);
  const reset = useCallback(() => ref.current.clear(), []);
  return { pick, idsIn, reset };
}

/** A text box where "@" offers active colleagues (staff only). */
export function MentionTextArea({
  value,
  onChange,
  onPick,
  placeholder,
  maxLength,
  minRows = 4,
  onKeyDown,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  onPick: (name: string, id: string) => void;
  placeholder?: string;
  maxLength?: number;
  minRows?: number;
  onKeyDown?: (e: KeyboardEvent<HTMLTextAreaElement>) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState<string | null>(null);
  const colleagues = useColleagues(q ?? '', q !== null);
  const users = colleagues.data?.items ?? [];
  return (
    <Mentions
      value={value}
      onChange={onChange}
      onSearch={(text) => setQ(text)}
      onSelect={(option) => {
        const user = users.find((u) => u.name === option.value);
        if (user) onPick(user.name, user.id);
      }}
      autoSize={{ minRows, maxRows: 14 }}
      maxLength={maxLength}
      placeholder={placeholder}
      loading={colleagues.isFetching}
      notFoundContent={t('mentions.noMatch')}
      onKeyDown={onKeyDown}
      data-testid={testId}
      options={users.map((u) => ({
        key: u.id,
        value: u.name,
        label: (
          <span data-testid="mention-option">
            {u.name} <span style={{ opacity: 0.6, fontSize: 12 }}>{u.email}</span>
          </span>
        ),
      }))}
    />
  );
}
