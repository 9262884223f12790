import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type ApiError } from './api';

type NamePath = (string | number)[];

function toNamePath(field: string): NamePath {
  return field
    .split(/[/.]/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function sameName(a: NamePath, b: NamePath): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

/**
 * Puts each `validation_failed` message next to its field (`lines/0/quantity` → ['lines', 0, 'quantity']).
 * A path with no matching field falls back to its closest registered parent (`tags/2` → `tags`).
 * Returns the messages that have no field in this form.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: ApiError,
  mapField: (field: string) => string = (field) => field,
): string[] {
  const registered = form.getFieldsError().map((f) => f.name as NamePath);
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const unplaced: string[] = [];
  for (const detail of error.fieldErrors) {
    let path = toNamePath(mapField(detail.field));
    while (path.length > 0 && !registered.some((name) => sameName(name, path))) path = path.slice(0, -1);
    if (path.length === 0) {
      unplaced.push(`${detail.field}: ${detail.message}`);
      continue;
    }
    const key = JSON.stringify(path);
    const entry = byField.get(key) ?? { name: path, errors: [] };
    entry.errors.push(detail.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  const first = byField.values().next().value;
  if (first) form.scrollToField(first.name, { block: 'center' });
  return unplaced;
}

export interface HandleErrorOptions {
  form?: FormInstance;
  /** Called when the user accepts to reload after a 409; defaults to refetching everything on screen. */
  onReload?: () => void;
  /** Renames API field paths to form field paths (e.g. `lines/0/unitPriceCents` → `lines/0/unitPrice`). */
  mapField?: (field: string) => string;
}

/**
 * One way to tell the user about a failed request: field messages next to their fields, a reload offer for
 * stale records (409), and the server's message for everything else. 401 is left to the route guards.
 */
export function useApiError() {
  const { message, modal } = App.useApp();
  const { t } = useTranslation();
  const client = useQueryClient();
  return useCallback(
    (error: unknown, options: HandleErrorOptions = {}) => {
      if (!isApiError(error)) {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        void message.error(t('errors.unexpected'));
        return;
      }
      if (error.code === 'unauthenticated') return;
      if (error.code === 'validation_failed' && options.form && error.fieldErrors.length > 0) {
        const unplaced = applyFieldErrors(options.form, error, options.mapField);
        void message.error(unplaced.length ? `${error.message} ${unplaced.join('; ')}` : error.message);
        return;
      }
      if (error.code === 'conflict') {
        modal.confirm({
          title: t('errors.conflictTitle'),
          content: error.message,
          okText: t('common.reload'),
          cancelText: t('common.cancel'),
          onOk: () => {
            if (options.onReload) options.onReload();
            else void client.invalidateQueries();
          },
        });
        return;
      }
      const suffix = error.status >= 500 && error.requestId ? ` (${error.requestId})` : '';
      void message.error(`${error.message}${suffix}`);
    },
    [message, modal, t, client],
  );
}
