import { useEffect, useRef } from 'react';
import type { WebFormConfig } from '@aftercare/contracts';
import './altcha';

/**
 * The proof-of-work checkbox, solving on load; reports the payload once solved (null again when it resets or
 * expires). The challenge comes with the form (no extra request); a new challenge mounts a new widget.
 */
export function AltchaField({
  challenge,
  language,
  onChange,
}: {
  challenge: WebFormConfig['challenge'];
  language: string;
  onChange: (payload: string | null) => void;
}) {
  const ref = useRef<HTMLElement>(null);
  const report = useRef(onChange);
  report.current = onChange;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onState = (event: Event) => {
      const detail = (event as CustomEvent<{ state?: string; payload?: string | null }>).detail;
      report.current(detail?.state === 'verified' && detail.payload ? detail.payload : null);
    };
    el.addEventListener('statechange', onState);
    return () => el.removeEventListener('statechange', onState);
  }, []);
  return (
    <altcha-widget
      ref={ref}
      name="altcha"
      language={language}
      configuration={JSON.stringify({ challenge, auto: 'onload' })}
      data-testid="webform-altcha"
    />
  );
}
