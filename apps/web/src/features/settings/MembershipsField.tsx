import { Button, Checkbox, Form, Select, Space, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Department } from '@aftercare/contracts';

/** Form.List `departments`: one row per department with a "lead" checkbox. */
export function MembershipsField({
  departments,
  testPrefix,
}: {
  departments: Department[];
  testPrefix: string;
}) {
  const { t } = useTranslation();
  const options = departments.map((d) => ({
    value: d.id,
    label: `${d.name} · ${t(`departmentKinds.${d.kind}`)}`,
  }));
  return (
    <Form.List name="departments">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Space key={field.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }} wrap>
              <Form.Item
                name={[field.name, 'departmentId']}
                rules={[{ required: true, message: t('validation.required') }]}
                style={{ marginBottom: 8, minWidth: 220 }}
              >
                <Select
                  options={options}
                  placeholder={t('users.chooseDepartment')}
                  showSearch
                  optionFilterProp="label"
                  data-testid={`${testPrefix}-department-${index}`}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'lead']} valuePropName="checked" style={{ marginBottom: 8 }}>
                <Checkbox data-testid={`${testPrefix}-lead-${index}`}>{t('users.lead')}</Checkbox>
              </Form.Item>
              <Tooltip title={t('common.remove')}>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('common.remove')}
                />
              </Tooltip>
            </Space>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ departmentId: undefined, lead: false })}
            disabled={departments.length === 0}
            data-testid={`${testPrefix}-add-department`}
          >
            {departments.length === 0 ? t('users.noDepartments') : t('users.addDepartment')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
