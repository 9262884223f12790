import { createHmac } from 'node:crypto';
import type { BotKind } from '@aftercare/contracts';

/*
 * The wire formats of the group robots of WeCom (企业微信), DingTalk (钉钉) and Feishu (飞书), as their
 * documentation describes them, and their signatures. Pure functions: what to say is decided by the bots module;
 * this only wraps it for each vendor and signs it at send time (DingTalk and Feishu refuse a timestamp older than
 * an hour, so a retry is signed again).
 */

/** What a bot says: a title, a Markdown body, and the same as plain text. */
export interface BotMessage {
  title: string;
  markdown: string;
  text: string;
  /** Link to open (the case), shown as a button where the vendor has one. */
  url?: string | undefined;
}

export interface BotRequest {
  url: string;
  body: string;
}

/** DingTalk 加签: base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)). */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** Feishu 签名校验: base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")). */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** WeCom limits a markdown message to 4096 bytes of UTF-8. */
function cutBytes(s: string, max: number): string {
  const buf = Buffer.from(s, 'utf8');
  if (buf.length <= max) return s;
  let end = max;
  while (end > 0 && ((buf[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return buf.subarray(0, end).toString('utf8');
}

/** The request to send for a bot of `kind` at `now`; `secret` is the signing secret (DingTalk, Feishu), if set. */
export function botRequest(
  kind: BotKind,
  webhookUrl: string,
  secret: string | null,
  message: BotMessage,
  now: Date,
): BotRequest {
  if (kind === 'wecom') {
    return {
      url: webhookUrl,
      body: JSON.stringify({ msgtype: 'markdown', markdown: { content: cutBytes(message.markdown, 4096) } }),
    };
  }
  if (kind === 'dingtalk') {
    let url = webhookUrl;
    if (secret) {
      const u = new URL(webhookUrl);
      const timestamp = now.getTime();
      u.searchParams.set('timestamp', String(timestamp));
      // URLSearchParams percent-encodes the base64 (+ / =), which is the urlencode DingTalk asks for.
      u.searchParams.set('sign', dingtalkSign(secret, timestamp));
      url = u.toString();
    }
    return {
      url,
      // DingTalk's markdown needs a blank line to break a line.
      body: JSON.stringify({
        msgtype: 'markdown',
        markdown: { title: message.title, text: message.markdown.replace(/\n/g, '\n\n') },
      }),
    };
  }
  const timestamp = Math.floor(now.getTime() / 1000);
  // lark_md has no block quotes: the quoted lines are shown as plain lines.
  const content = message.markdown.replace(/^> /gm, '');
  const elements: unknown[] = [{ tag: 'div', text: { tag: 'lark_md', content } }];
  if (message.url)
    elements.push({
      tag: 'action',
      actions: [
        {
          tag: 'button',
          text: { tag: 'plain_text', content: message.title },
          type: 'primary',
          url: message.url,
        },
      ],
    });
  return {
    url: webhookUrl,
    body: JSON.stringify({
      ...(secret ? { timestamp: String(timestamp), sign: feishuSign(secret, timestamp) } : {}),
      msg_type: 'interactive',
      card: {
        config: { wide_screen_mode: true },
        header: { title: { tag: 'plain_text', content: message.title } },
        elements,
      },
    }),
  };
}

/**
 * The error a bot reported in its JSON reply (`errcode` for WeCom and DingTalk, `code` or the older
 * `StatusCode` for Feishu; 0 is success), or null when it accepted the message.
 */
export function botReplyError(kind: BotKind, body: string): string | null {
  let reply: Record<string, unknown>;
  try {
    reply = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return 'reply is not JSON';
  }
  if (typeof reply !== 'object' || reply === null) return 'reply is not a JSON object';
  if (kind === 'feishu') {
    const code = reply.code ?? reply.StatusCode;
    if (code === 0) return null;
    return `code ${String(code)}: ${String(reply.msg ?? reply.StatusMessage ?? '')}`;
  }
  if (reply.errcode === 0) return null;
  return `errcode ${String(reply.errcode)}: ${String(reply.errmsg ?? '')}`;
}
