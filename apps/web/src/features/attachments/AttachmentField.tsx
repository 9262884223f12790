import { Button, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AttachmentExtensions, AttachmentLimits, type Attachment } from '@aftercare/contracts';
import { isApiError } from '../../lib/api';
import { removeUpload, uploadAttachment, type Audience } from './api';

interface Pending {
  uid: string;
  name: string;
  percent: number;
}

const ACCEPT = AttachmentExtensions.map((e) => `.${e}`).join(',');
const MB = 1_048_576;
const NONE: Attachment[] = [];
const ignore = () => undefined;

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * Files for a message or a plan step: uploads each file at once (with progress), lists it with a remove button,
 * and shows size and type problems right under the field. `value` holds the files to attach (already uploaded,
 * or kept from before); the server checks every file by its content anyway.
 */
export function AttachmentField({
  audience,
  value = NONE,
  onChange = ignore,
  onBusyChange,
  testId = 'attachment-field',
  compact = false,
}: {
  audience: Audience;
  /** Optional so a Form.Item can own it. */
  value?: Attachment[];
  onChange?: (files: Attachment[]) => void;
  onBusyChange?: (busy: boolean) => void;
  testId?: string;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const fresh = useRef(new Set<string>());
  // Uploads finish one by one; keep the latest list so a finished upload never drops another one's result.
  const latest = useRef(value);
  latest.current = value;
  // Tell the form only when busy changes (callers pass inline callbacks; depending on them would loop).
  const busyCallback = useRef(onBusyChange);
  busyCallback.current = onBusyChange;
  const busy = pending.length > 0;
  const told = useRef(false);
  useEffect(() => {
    if (told.current === busy) return;
    told.current = busy;
    busyCallback.current?.(busy);
  }, [busy]);

  const problem = (file: File): string | null => {
    if (file.size > AttachmentLimits.fileBytes)
      return t('attachments.tooLarge', { name: file.name, max: AttachmentLimits.fileBytes / MB });
    const ext = extensionOf(file.name);
    if (ext && !AttachmentExtensions.includes(ext)) return t('attachments.typeRefused', { name: file.name });
    return null;
  };

  const start = (file: File & { uid: string }) => {
    setPending((p) => [...p, { uid: file.uid, name: file.name, percent: 0 }]);
    uploadAttachment(audience, file, (percent) =>
      setPending((p) => p.map((x) => (x.uid === file.uid ? { ...x, percent } : x))),
    )
      .then((uploaded) => {
        fresh.current.add(uploaded.id);
        onChange([...latest.current, uploaded]);
      })
      .catch((err: unknown) => {
        const message = isApiError(err) ? err.message : t('attachments.failed');
        setErrors((e) => [...e, `${file.name}: ${message}`]);
      })
      .finally(() => setPending((p) => p.filter((x) => x.uid !== file.uid)));
  };

  const remove = (id: string) => {
    onChange(latest.current.filter((f) => f.id !== id));
    if (fresh.current.has(id)) {
      fresh.current.delete(id);
      void removeUpload(audience, id).catch(() => undefined);
    }
  };

  const fileList: UploadFile[] = [
    ...value.map((f): UploadFile => ({
      uid: f.id,
      name: f.name,
      status: 'done',
      url: f.url,
      thumbUrl: f.previewUrl ?? undefined,
    })),
    ...pending.map((p): UploadFile => ({
      uid: p.uid,
      name: p.name,
      status: 'uploading',
      percent: p.percent,
    })),
  ];
  const full = value.length + pending.length >= AttachmentLimits.perMessage;

  return (
    <div data-testid={testId} className="attachment-field">
      <Upload
        multiple
        accept={ACCEPT}
        listType={compact ? 'text' : 'picture'}
        fileList={fileList}
        beforeUpload={(file, batch) => {
          setErrors([]);
          const room = AttachmentLimits.perMessage - value.length - pending.length;
          if (batch.indexOf(file) >= room) {
            setErrors((e) => [...e, t('attachments.tooMany', { max: AttachmentLimits.perMessage })]);
            return Upload.LIST_IGNORE;
          }
          const bad = problem(file);
          if (bad) {
            setErrors((e) => [...e, bad]);
            return Upload.LIST_IGNORE;
          }
          start(file);
          return false;
        }}
        onRemove={(file) => {
          if (pending.some((p) => p.uid === file.uid)) return false;
          remove(file.uid);
          return false;
        }}
        showUploadList={{ showDownloadIcon: false, showPreviewIcon: false }}
      >
        <Button size="small" icon={<PaperClipOutlined />} disabled={full} data-testid={`${testId}-add`}>
          {t('attachments.add')}
        </Button>
      </Upload>
      {compact ? null : (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
          {t('attachments.hint', {
            max: AttachmentLimits.fileBytes / MB,
            count: AttachmentLimits.perMessage,
          })}
        </Typography.Text>
      )}
      {errors.map((e, i) => (
        <Typography.Text
          key={`${i}-${e}`}
          type="danger"
          role="alert"
          style={{ fontSize: 12, display: 'block' }}
          data-testid={`${testId}-error`}
        >
          {e}
        </Typography.Text>
      ))}
    </div>
  );
}
