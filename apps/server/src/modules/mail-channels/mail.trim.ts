/**
 * Trims the quoted previous conversation and the signature off a mail's text, for display. The full original is
 * kept elsewhere; this only decides what the thread shows by default. Recognised:
 * - attribution lines: "On … wrote:" (also split over two lines), "在 … 写道：", "… 于 … 写道："
 * - separators: "-----Original Message-----", "------------------ 原始邮件 ------------------" (QQ / Foxmail),
 *   "———— 回复的原邮件 ————" and underscores lines before an Outlook header block
 * - Outlook header blocks: "From:/发件人:" followed by "Sent:/Date:/发送时间:/To:/收件人:/Subject:/主题:" lines
 * - trailing "> " quoted lines
 * - signatures after a "-- " line, and "Sent from my iPhone" / "发自我的iPhone" lines at the end
 * A forwarded message ("---------- Forwarded message ---------", "转发的邮件") is content, not a quote: kept.
 * When trimming would leave nothing, the text is kept whole.
 */
export interface Trimmed {
  text: string;
  trimmed: boolean;
}

const ATTRIBUTION = [
  /^\s*On\s.+\swrote:\s*$/i,
  /^\s*在.+写道[：:]\s*$/,
  /^\s*.+于\s*.+写道[：:]\s*$/,
  /^\s*Le\s.+a écrit\s*:\s*$/i,
  /^\s*Am\s.+schrieb.*:\s*$/i,
];
const SEPARATOR = [
  /^\s*-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^\s*-{2,}\s*原始邮件\s*-{2,}\s*$/,
  /^\s*[-—–]{2,}\s*(回复的原邮件|原始郵件|原邮件)\s*[-—–]{2,}\s*$/,
];
const HEADER_FROM = /^\s*\*?(From|发件人|寄件者|發件人)\s*\*?\s*[:：]/i;
const HEADER_NEXT =
  /^\s*\*?(Sent|Date|To|Cc|Subject|发送时间|日期|时间|收件人|抄送|主题|主旨|寄件日期|收件者)\s*\*?\s*[:：]/i;
const FORWARD =
  /^\s*(-{2,}\s*(Forwarded message|转发的邮件|轉寄的郵件)\s*-{0,}|Begin forwarded message:|-{2,}\s*转发邮件信息\s*-{2,})\s*$/i;
const UNDERSCORES = /^\s*_{10,}\s*$/;
const SENT_FROM = /^\s*(Sent from my|Get Outlook for|发自我的|从我的.+发送|來自我的)/i;

function cutIndex(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (FORWARD.test(line)) return lines.length;
    if (ATTRIBUTION.some((r) => r.test(line))) return i;
    const joined = `${line} ${lines[i + 1] ?? ''}`;
    if (
      /^\s*On\s/i.test(line) &&
      /^\s*.*wrote:\s*$/i.test(lines[i + 1] ?? '') &&
      ATTRIBUTION[0]?.test(joined)
    )
      return i;
    if (SEPARATOR.some((r) => r.test(line))) return i;
    if (HEADER_FROM.test(line)) {
      const next = lines.slice(i + 1, i + 5);
      if (next.filter((l) => HEADER_NEXT.test(l)).length >= 2) {
        return i > 0 && UNDERSCORES.test(lines[i - 1] ?? '') ? i - 1 : i;
      }
    }
  }
  return lines.length;
}

export function trimReply(full: string): Trimmed {
  const text = full.replace(/\r\n/g, '\n');
  let lines = text.split('\n');
  lines = lines.slice(0, cutIndex(lines));
  // A signature: everything after the "-- " delimiter (RFC 3676).
  const sig = lines.findIndex((l) => l === '-- ' || l === '--');
  if (sig >= 0) lines = lines.slice(0, sig);
  // Trailing quoted lines, blank lines and "sent from my phone" lines.
  while (lines.length) {
    const last = lines[lines.length - 1] ?? '';
    if (last.trim() === '' || /^\s*>/.test(last) || SENT_FROM.test(last)) lines.pop();
    else break;
  }
  const result = lines.join('\n').trim();
  if (!result) return { text: text.trim(), trimmed: false };
  return { text: result, trimmed: result !== text.trim() };
}
