import type { BotEvent, Locale } from '@aftercare/contracts';
import type { BotMessage } from '../../platform/net/group-bots.js';
import type { CaseFacts } from './bots.repository.js';
import { dateTimeFormat } from '../../platform/intl.js';

/** Which bot event an outbox event is, if any. */
export function botEventOf(type: string, payload: Record<string, unknown>): BotEvent | null {
  switch (type) {
    case 'case.created':
      return 'case.created';
    case 'case.message_added':
      return payload.authorType === 'contact' ? 'case.customer_replied' : null;
    case 'sla.warning':
      return 'sla.warning';
    case 'sla.breached':
      return 'sla.breached';
    case 'sla.escalated':
      return payload.reason === 'complaint' ? 'complaint.created' : null;
    case 'checkpoint.due_soon':
      return 'checkpoint.due_soon';
    case 'checkpoint.missed':
      return 'checkpoint.missed';
    case 'summary.due':
      return 'summary.due';
    case 'return.created':
    case 'return.appealed':
      return 'return.awaiting_review';
    case 'return.decided':
      return 'return.decided';
    default:
      return null;
  }
}

type Words = Record<BotEvent, string> & {
  subject: string;
  customer: string;
  severity: string;
  due: string;
  checkpoint: string;
  open: string;
  test: string;
  testBody: string;
  kinds: Record<string, string>;
  decision: string;
  decisions: Record<string, string>;
  openReturn: string;
};

const WORDS: Record<Locale, Words> = {
  'zh-CN': {
    'case.created': '新工单',
    'case.customer_replied': '客户回复',
    'sla.warning': 'SLA 即将超时',
    'sla.breached': 'SLA 已超时',
    'complaint.created': '新投诉',
    'checkpoint.due_soon': '检查点即将到期',
    'checkpoint.missed': '检查点已错过',
    'summary.due': '需要发布进展摘要',
    'return.awaiting_review': '退货待审核',
    'return.decided': '退货已决定',
    decision: '结论',
    decisions: { approved: '同意', rejected: '拒绝' },
    openReturn: '查看退货',
    subject: '主题',
    customer: '客户',
    severity: '严重级别',
    due: '期限',
    checkpoint: '检查点',
    open: '查看工单',
    test: '测试消息',
    testBody: '这是一条来自 Aftercare 的测试消息，收到即表示群机器人配置正确。',
    kinds: {
      first_response: '首次响应',
      next_response: '下次响应',
      resolution: '解决',
      acknowledgement: '投诉确认',
    },
  },
  en: {
    'case.created': 'New case',
    'case.customer_replied': 'Customer replied',
    'sla.warning': 'SLA warning',
    'sla.breached': 'SLA breached',
    'complaint.created': 'New complaint',
    'checkpoint.due_soon': 'Checkpoint due soon',
    'checkpoint.missed': 'Checkpoint missed',
    'summary.due': 'Status summary due',
    'return.awaiting_review': 'Return awaiting review',
    'return.decided': 'Return decided',
    decision: 'Decision',
    decisions: { approved: 'approved', rejected: 'rejected' },
    openReturn: 'Open the return',
    subject: 'Subject',
    customer: 'Customer',
    severity: 'Severity',
    due: 'Due',
    checkpoint: 'Checkpoint',
    open: 'Open the case',
    test: 'Test message',
    testBody: 'This is a test message from Aftercare: the group bot is set up correctly.',
    kinds: {
      first_response: 'First response',
      next_response: 'Next response',
      resolution: 'Resolution',
      acknowledgement: 'Complaint acknowledgement',
    },
  },
};

/** Text from users goes into Markdown: one line, no link or tag syntax of its own, at most 200 characters. */
function plain(s: string): string {
  const one = s
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[<>[\]]/g, (c) => ({ '<': '＜', '>': '＞', '[': '［', ']': '］' })[c] ?? c)
    .trim();
  return one.length > 200 ? `${one.slice(0, 199)}…` : one;
}

function when(iso: unknown, timeZone: string): string | null {
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return null;
  // sv-SE formats as YYYY-MM-DD HH:mm, unambiguous in both languages.
  return dateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** The message a bot posts for a case event, in the workspace's language, linking to the case. */
export function caseMessage(
  event: BotEvent,
  c: CaseFacts,
  payload: Record<string, unknown>,
  options: { locale: Locale; timeZone: string; publicUrl: string },
): BotMessage {
  const w = WORDS[options.locale] ?? WORDS['zh-CN'];
  const url = `${options.publicUrl}/app/cases/${c.id}`;
  const title = `${w[event]} ${c.number}`;
  const lines = [
    `**${w[event]}** [${c.number}](${url})`,
    `> ${w.subject}: ${plain(c.subject)}`,
    `> ${w.customer}: ${plain(c.customerName)}`,
    `> ${w.severity}: ${c.severity}`,
  ];
  const textLines = [
    `${w[event]} ${c.number}`,
    `${w.subject}: ${plain(c.subject)}`,
    `${w.customer}: ${plain(c.customerName)}`,
    `${w.severity}: ${c.severity}`,
  ];
  if (event === 'sla.warning' || event === 'sla.breached') {
    const kind = typeof payload.kind === 'string' ? (w.kinds[payload.kind] ?? payload.kind) : '';
    const due = when(payload.dueAt, options.timeZone);
    const line = `${kind}${due ? ` · ${w.due}: ${due}` : ''}`;
    lines.push(`> ${line}`);
    textLines.push(line);
  }
  if (event === 'checkpoint.due_soon' || event === 'checkpoint.missed') {
    const due = when(payload.dueAt, options.timeZone);
    const line = `${w.checkpoint}: ${plain(String(payload.title ?? ''))}${due ? ` · ${w.due}: ${due}` : ''}`;
    lines.push(`> ${line}`);
    textLines.push(line);
  }
  if (event === 'summary.due') {
    const due = when(payload.dueAt, options.timeZone);
    if (due) {
      lines.push(`> ${w.due}: ${due}`);
      textLines.push(`${w.due}: ${due}`);
    }
  }
  lines.push('', `[${w.open}](${url})`);
  textLines.push(url);
  return { title, markdown: lines.join('\n'), text: textLines.join('\n'), url };
}

/** The message a bot posts for a return event (awaiting review, decided), linking to the return. */
export function returnMessage(
  event: BotEvent,
  r: { id: string; number: string; customerName: string },
  payload: Record<string, unknown>,
  options: { locale: Locale; publicUrl: string },
): BotMessage {
  const w = WORDS[options.locale] ?? WORDS['zh-CN'];
  const url = `${options.publicUrl}/app/returns/${r.id}`;
  const lines = [`**${w[event]}** [${r.number}](${url})`, `> ${w.customer}: ${plain(r.customerName)}`];
  const textLines = [`${w[event]} ${r.number}`, `${w.customer}: ${plain(r.customerName)}`];
  if (event === 'return.decided' && typeof payload.decision === 'string') {
    const line = `${w.decision}: ${w.decisions[payload.decision] ?? payload.decision}`;
    lines.push(`> ${line}`);
    textLines.push(line);
  }
  lines.push('', `[${w.openReturn}](${url})`);
  textLines.push(url);
  return { title: `${w[event]} ${r.number}`, markdown: lines.join('\n'), text: textLines.join('\n'), url };
}

/** The message of the "send test" button. */
export function testMessage(locale: Locale, publicUrl: string): BotMessage {
  const w = WORDS[locale] ?? WORDS['zh-CN'];
  return {
    title: `Aftercare ${w.test}`,
    markdown: `**Aftercare ${w.test}**\n> ${w.testBody}`,
    text: `Aftercare ${w.test}\n${w.testBody}`,
    url: publicUrl,
  };
}
