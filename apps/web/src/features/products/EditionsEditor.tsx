import { App, Button, Empty, Form, Input, Popconfirm, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Edition, Product } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { useAddEdition, useDeleteEdition, useUpdateEdition } from './api';

const SKU = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/** The editions of a product: add, rename and delete in place. */
export function EditionsEditor({ product, editable }: { product: Product; editable: boolean }) {
  const { t } = useTranslation();
  const [addForm] = Form.useForm<{ code: string; name: string }>();
  const [editForm] = Form.useForm<{ code: string; name: string }>();
  const [editingId, setEditingId] = useState<string | null>(null);
  const add = useAddEdition();
  const update = useUpdateEdition();
  const remove = useDeleteEdition();
  const handleError = useApiError();
  const { message } = App.useApp();

  const save = (edition: Edition) =>
    editForm.validateFields().then((values) =>
      update.mutate(
        {
          productId: product.id,
          editionId: edition.id,
          patch: { code: values.code.trim(), name: values.name.trim(), version: edition.version },
        },
        {
          onSuccess: () => {
            setEditingId(null);
            void message.success(t('common.saved'));
          },
          onError: (error) => handleError(error, { form: editForm }),
        },
      ),
    );

  const columns: TableColumnsType<Edition> = [
    {
      key: 'code',
      title: t('products.editionCode'),
      render: (_, e) =>
        editingId === e.id ? (
          <Form.Item
            name="code"
            style={{ margin: 0 }}
            rules={[
              { required: true, message: t('validation.required') },
              { pattern: SKU, message: t('validation.code') },
            ]}
          >
            <Input size="small" data-testid="edition-edit-code" />
          </Form.Item>
        ) : (
          e.code
        ),
    },
    {
      key: 'name',
      title: t('products.editionName'),
      render: (_, e) =>
        editingId === e.id ? (
          <Form.Item
            name="name"
            style={{ margin: 0 }}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input size="small" data-testid="edition-edit-name" />
          </Form.Item>
        ) : (
          e.name
        ),
    },
    ...(editable
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 180,
            render: (_: unknown, e: Edition) =>
              editingId === e.id ? (
                <Space size={4}>
                  <Button
                    size="small"
                    type="link"
                    loading={update.isPending}
                    onClick={() => void save(e)}
                    data-testid="edition-save"
                  >
                    {t('common.save')}
                  </Button>
                  <Button size="small" type="link" onClick={() => setEditingId(null)}>
                    {t('common.cancel')}
                  </Button>
                </Space>
              ) : (
                <Space size={4}>
                  {e.actions.includes('update') ? (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => {
                        editForm.setFieldsValue({ code: e.code, name: e.name });
                        setEditingId(e.id);
                      }}
                      data-testid={`edition-edit-${e.code}`}
                    >
                      {t('common.edit')}
                    </Button>
                  ) : null}
                  {e.actions.includes('delete') ? (
                    <Popconfirm
                      title={t('products.deleteEditionConfirm')}
                      okText={t('common.delete')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common.cancel')}
                      onConfirm={() =>
                        remove.mutate(
                          { productId: product.id, editionId: e.id },
                          { onError: (error) => handleError(error) },
                        )
                      }
                    >
                      <Button size="small" type="link" danger data-testid={`edition-delete-${e.code}`}>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Form form={editForm} component={false}>
        <Table<Edition>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={product.editions}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="editions-table"
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('products.noEditionsYet')} />
            ),
          }}
        />
      </Form>
      {editable && product.actions.includes('addEdition') ? (
        <Form
          form={addForm}
          layout="inline"
          style={{ marginTop: 16, rowGap: 8 }}
          onFinish={(values) =>
            add.mutate(
              { productId: product.id, body: { code: values.code.trim(), name: values.name.trim() } },
              {
                onSuccess: () => {
                  addForm.resetFields();
                  void message.success(t('products.editionAdded'));
                },
                onError: (error) => handleError(error, { form: addForm }),
              },
            )
          }
        >
          <Form.Item
            name="code"
            rules={[
              { required: true, message: t('validation.required') },
              { pattern: SKU, message: t('validation.code') },
            ]}
          >
            <Input placeholder={t('products.editionCode')} data-testid="edition-new-code" />
          </Form.Item>
          <Form.Item
            name="name"
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input placeholder={t('products.editionName')} data-testid="edition-new-name" />
          </Form.Item>
          <Form.Item>
            <Button
              htmlType="submit"
              icon={<PlusOutlined />}
              loading={add.isPending}
              data-testid="edition-add"
            >
              {t('products.addEdition')}
            </Button>
          </Form.Item>
        </Form>
      ) : null}
    </>
  );
}
