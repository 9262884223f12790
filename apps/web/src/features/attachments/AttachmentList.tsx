import { Image, Space, Typography } from 'antd';
import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '@aftercare/contracts';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1_048_576) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/**
 * The files of a message or a plan step: image thumbnails (the server's re-encoded previews, opening larger in
 * a preview overlay) and download links (always served as downloads).
 */
export function AttachmentList({ files }: { files?: Attachment[] | undefined }) {
  const { t } = useTranslation();
  if (!files || files.length === 0) return null;
  const images = files.filter((f) => f.isImage && f.previewUrl);
  return (
    <div className="attachment-list" data-testid="attachment-list" style={{ marginTop: 8 }}>
      {images.length > 0 ? (
        <Image.PreviewGroup>
          <Space size={8} wrap style={{ marginBottom: 4 }}>
            {images.map((f) => (
              <Image
                key={f.id}
                src={f.previewUrl ?? undefined}
                alt={f.name}
                width={72}
                height={72}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                data-testid="attachment-thumbnail"
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      ) : null}
      <Space direction="vertical" size={0} style={{ display: 'flex' }}>
        {files.map((f) => (
          <Typography.Link
            key={f.id}
            href={f.url}
            download={f.name}
            title={t('attachments.download')}
            data-testid="attachment-link"
            style={{ fontSize: 13 }}
          >
            {f.isImage ? <DownloadOutlined /> : <PaperClipOutlined />} {f.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              ({formatSize(f.size)})
            </Typography.Text>
          </Typography.Link>
        ))}
      </Space>
    </div>
  );
}
