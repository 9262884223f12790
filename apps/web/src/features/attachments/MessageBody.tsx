import { useLayoutEffect, useRef } from 'react';
import type { Mention } from '@aftercare/contracts';

const MARK = 'case-mention';

/** Wraps every "@name" of the mentioned colleagues in a highlight, walking text nodes only (never the markup). */
function highlight(root: HTMLElement, tokens: string[]): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    if (!text.parentElement?.classList.contains(MARK)) nodes.push(text);
  }
  for (const node of nodes) {
    let current: Text | null = node;
    while (current) {
      const data: string = current.data;
      let best: { at: number; token: string } | null = null;
      for (const token of tokens) {
        const at = data.indexOf(token);
        if (at >= 0 && (!best || at < best.at)) best = { at, token };
      }
      if (!best) break;
      const match: Text = current.splitText(best.at);
      const rest: Text = match.splitText(best.token.length);
      const mark = document.createElement('span');
      mark.className = MARK;
      mark.dataset.testid = 'mention';
      Object.assign(mark.style, {
        background: '#e6f4ff',
        color: '#0958d9',
        borderRadius: '4px',
        padding: '0 2px',
        fontWeight: '500',
      });
      match.replaceWith(mark);
      mark.append(match);
      current = rest;
    }
  }
}

/** A message's sanitised HTML (from the server) with its @mentions highlighted. */
export function MessageBody({ html, mentions }: { html: string; mentions?: Mention[] | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  const names = (mentions ?? []).map((m) => `@${m.name}`).sort((a, b) => b.length - a.length);
  const key = names.join('\u0000');
  useLayoutEffect(() => {
    if (ref.current && key) highlight(ref.current, key.split('\u0000'));
  }, [html, key]);
  // bodyHtml is sanitised by the server (basic formatting, http/https/mailto links only).
  return <div ref={ref} className="case-message-body" dangerouslySetInnerHTML={{ __html: html }} />;
}
