import { App, Button, Input, Space } from 'antd';
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API needs a secure context; fall back to a hidden textarea.
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    document.body.removeChild(area);
    return ok;
  }
}

/** A read-only value (invite link, API secret…) with a copy button. */
export function CopyField({ value, testId }: { value: string; testId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        readOnly
        value={value}
        className="secret-box"
        data-testid={testId}
        onFocus={(e) => e.target.select()}
      />
      <Button
        type="primary"
        icon={copied ? <CheckOutlined /> : <CopyOutlined />}
        data-testid={testId ? `${testId}-copy` : undefined}
        onClick={() => {
          void copyText(value).then((ok) => {
            if (ok) {
              setCopied(true);
              void message.success(t('common.copied'));
              window.setTimeout(() => setCopied(false), 2000);
            }
          });
        }}
      >
        {t('common.copy')}
      </Button>
    </Space.Compact>
  );
}
