import { Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';

/** A search box that applies what is typed after a short pause (and at once on Enter). */
export function SearchInput({
  value,
  onChange,
  placeholder,
  testId,
  className = 'toolbar-search',
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  testId?: string;
  className?: string;
}) {
  const [text, setText] = useState(value);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(onChange);
  latest.current = onChange;

  useEffect(() => {
    setText(value);
  }, [value]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const schedule = (next: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => latest.current(next.trim()), 350);
  };

  return (
    <Input
      allowClear
      className={className}
      prefix={<SearchOutlined />}
      placeholder={placeholder}
      value={text}
      data-testid={testId}
      onChange={(e) => {
        setText(e.target.value);
        schedule(e.target.value);
      }}
      onPressEnter={() => {
        window.clearTimeout(timer.current);
        latest.current(text.trim());
      }}
    />
  );
}
