import { App, Button, Checkbox, Empty, Modal, Select, Space, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { useApiError } from '../../lib/useApiError';
import { useApplyMacro, useMacros } from './api';
import { describeActions } from './describe';

/**
 * "插入快捷回复 / Insert reply" beside the reply box: renders the chosen macro for this case (in the contact's
 * language) and hands the text to the editor; its actions are applied only when the agent ticks them.
 */
export function MacroPicker({
  caseId,
  version,
  onInsert,
}: {
  caseId: string;
  version: number;
  onInsert: (text: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const [open, setOpen] = useState(false);
  const [macroId, setMacroId] = useState<string | null>(null);
  const [withActions, setWithActions] = useState(true);
  const macros = useMacros(open);
  const apply = useApplyMacro(caseId);
  const chosen = macros.data?.find((m) => m.id === macroId) ?? null;
  const actionsText = chosen ? describeActions(chosen.actions, t) : '';
  const close = () => {
    setOpen(false);
    setMacroId(null);
  };
  const insert = () => {
    if (!chosen) return;
    apply.mutate(
      { macroId: chosen.id, body: { version, applyActions: Boolean(actionsText) && withActions } },
      {
        onSuccess: (result) => {
          onInsert(result.text);
          void message.success(t('macros.inserted'));
          close();
        },
        onError: (error) => {
          if (isApiError(error, 'conflict')) close();
          handleError(error);
        },
      },
    );
  };
  return (
    <>
      <Button
        size="small"
        icon={<ThunderboltOutlined />}
        onClick={() => setOpen(true)}
        data-testid="macro-insert"
      >
        {t('macros.insert')}
      </Button>
      <Modal
        open={open}
        title={t('macros.pick')}
        onCancel={close}
        destroyOnHidden
        footer={[
          <Button key="cancel" onClick={close}>
            {t('common.cancel')}
          </Button>,
          <Button
            key="ok"
            type="primary"
            disabled={!chosen}
            loading={apply.isPending}
            onClick={insert}
            data-testid="macro-insert-ok"
          >
            {t('macros.insertButton')}
          </Button>,
        ]}
      >
        {macros.data && macros.data.length === 0 ? (
          <Empty description={t('macros.none')} />
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Select
              showSearch
              autoFocus
              loading={macros.isPending}
              placeholder={t('macros.pickPlaceholder')}
              value={macroId}
              onChange={setMacroId}
              optionFilterProp="label"
              style={{ width: '100%' }}
              data-testid="macro-select"
              options={(macros.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
            />
            {chosen ? (
              <Typography.Paragraph
                type="secondary"
                style={{ whiteSpace: 'pre-wrap', maxHeight: 200, overflow: 'auto', marginBottom: 0 }}
              >
                {chosen.body['zh-CN'] || chosen.body.en}
              </Typography.Paragraph>
            ) : null}
            {actionsText ? (
              <Checkbox checked={withActions} onChange={(e) => setWithActions(e.target.checked)}>
                {t('macros.applyActions', { actions: actionsText })}
              </Checkbox>
            ) : null}
          </Space>
        )}
      </Modal>
    </>
  );
}
