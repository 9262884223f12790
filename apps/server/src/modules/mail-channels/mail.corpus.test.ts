import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseMail } from './mail.parse.js';
import { trimReply } from './mail.trim.js';

const corpus = (name: string) => parseMail(readFileSync(new URL(`./corpus/${name}`, import.meta.url)));

describe('the corpus of real-world message shapes', () => {
  it('Outlook (zh-CN): 发件人 block trimmed, PDF attachment with an encoded Chinese name', async () => {
    const m = await corpus('outlook.eml');
    expect(m).toMatchObject({
      kind: 'message',
      subject: 'RE: [T-1001] 设备报警',
      from: { address: 'wanglei@huadong-mfg.example', name: '王磊' },
      messageId: 'TYZPR06MB1234ABCD@TYZPR06MB1234.apcprd06.prod.outlook.com',
      inReplyTo: ['out-1@acme.example'],
      trimmed: true,
    });
    expect(m.trimmedText).toBe(
      '您好，\n\n设备 SN-88231 开机后报警 E42，已按手册重启两次，问题仍在。附件是现场报告。\n\n王磊\n华东制造 设备科',
    );
    expect(m.text).toContain('王工您好，请提供报警代码。');
    expect(m.attachments.map((a) => [a.filename, a.contentType, a.inline])).toEqual([
      ['现场报告.pdf', 'application/pdf', false],
    ]);
  });

  it('Foxmail (GB2312): decoded, the QQ-style 原始邮件 separator trimmed', async () => {
    const m = await corpus('foxmail-gb2312.eml');
    expect(m.subject).toBe('回复：控制柜无法联网');
    expect(m.from).toEqual({ address: 'zhangwei@foxmail.com', name: '张伟' });
    expect(m.trimmedText).toBe('李经理：\n\n新到的控制柜无法联网，请尽快安排工程师。');
    expect(m.html).toContain('原始邮件');
    expect(m.kind).toBe('message');
  });

  it('QQ Mail (GB18030): a character outside GBK decoded, the inline image kept as a cid part', async () => {
    const m = await corpus('qqmail-gb18030.eml');
    expect(m.subject).toBe('设备铭牌照片');
    expect(m.from?.address).toBe('1234567@qq.com');
    expect(m.text).toContain('型号 㐀-200');
    expect(m.trimmed).toBe(false);
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]).toMatchObject({
      filename: '铭牌.png',
      contentType: 'image/png',
      cid: '5F1A2B3C@3D4E5F60.AB12CD34',
      inline: true,
    });
    expect(m.html).toContain('cid:5F1A2B3C@3D4E5F60.AB12CD34');
  });

  it('Gmail: "On … wrote:" over two lines and "> " quotes trimmed, a log attached', async () => {
    const m = await corpus('gmail.eml');
    expect(m.subject).toBe('Re: [T-1002] Fault after replacement');
    expect(m.from).toEqual({ address: 'anna.schmidt@gmail.com', name: 'Anna Schmidt' });
    expect(m.trimmedText).toBe(
      'Hi team,\n\nThe replacement part arrived but the log shows the same fault. Log attached.\n\nBest,\nAnna',
    );
    expect(m.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['fault.log', '2026-01-08 10:00 E42 overheat\n'],
    ]);
  });

  it('Apple Mail (iPhone): the "-- " signature, "Sent from my iPhone" and the quote trimmed', async () => {
    const m = await corpus('apple-mail.eml');
    expect(m.from).toEqual({ address: 'tom@northwind.example', name: 'Tom Baker' });
    expect(m.trimmedText).toBe('The unit is making a clicking noise again.');
    expect(m.text).toContain('Facilities, Northwind');
    expect(m.references).toEqual(['out-3@acme.example']);
  });

  it('GBK plain text: decoded (镕铖 are GBK-only), "在 … 写道：" trimmed', async () => {
    const m = await corpus('gbk-plain.eml');
    expect(m.subject).toBe('打印机又卡纸了');
    expect(m.from).toEqual({ address: 'zhaogang@163.com', name: '赵刚' });
    expect(m.trimmedText).toBe(
      '您好：\n\n打印机卡纸的问题又出现了，麻烦再派人看一下。型号：镕铖 LX-9（GBK 字符）。',
    );
    expect(m.html).toBeNull();
  });

  it('Big5 (quoted-printable): traditional Chinese decoded', async () => {
    const m = await corpus('big5.eml');
    expect(m.subject).toBe('冷氣機故障');
    expect(m.from?.name).toBe('林志明');
    expect(m.text).toBe('您好：\n\n冷氣機無法啟動，顯示錯誤代碼 E5，請協助處理。\n\n謝謝\n林志明');
    expect(m.trimmed).toBe(false);
  });

  it('a forwarded chain: the forwarded message is content, not trimmed', async () => {
    const m = await corpus('forwarded.eml');
    expect(m.subject).toBe('Fwd: Broken screen');
    expect(m.trimmed).toBe(false);
    expect(m.trimmedText).toContain('The screen of unit SN-7781 is cracked on delivery.');
    expect(m.kind).toBe('message');
  });

  it('an auto-reply (Exchange, 自动回复): kind auto_reply', async () => {
    const m = await corpus('auto-reply.eml');
    expect(m.kind).toBe('auto_reply');
    expect(m.subject).toBe('自动回复: [T-1001] 设备报警');
    expect(m.text).toBe('我正在休假，1月20日返回。紧急事务请联系李工。');
  });

  it('a DSN bounce (Postfix): kind bounce, the failed recipient only, no report parts as attachments', async () => {
    const m = await corpus('dsn-bounce.eml');
    expect(m.kind).toBe('bounce');
    expect(m.from?.address).toBe('mailer-daemon@mx.acme.example');
    expect(m.bouncedRecipients).toEqual(['gone@customer.example']);
    expect(m.attachments).toEqual([]);
  });

  it('a mail without Message-ID gets a synthetic one from its content', async () => {
    const raw = Buffer.from('From: a@b.example\r\nSubject: x\r\n\r\nhello\r\n');
    const a = await parseMail(raw);
    expect(a.synthetic).toBe(true);
    expect(a.messageId).toMatch(/^[0-9a-f]{64}@aftercare\.invalid$/);
    expect((await parseMail(Buffer.from(raw))).messageId).toBe(a.messageId);
    expect(
      (await parseMail(Buffer.from('From: a@b.example\r\nSubject: x\r\n\r\nhello!\r\n'))).messageId,
    ).not.toBe(a.messageId);
  });
});

describe('trimReply', () => {
  it('cuts at the attribution lines and separators', () => {
    expect(trimReply('ok\n\nOn Mon, 1 Jan 2026, A <a@b> wrote:\n> old').text).toBe('ok');
    expect(trimReply('好的\n\n在 2026年1月1日，张三 <a@b> 写道：\n> 旧').text).toBe('好的');
    expect(trimReply('好的\n\n张三 <a@b> 于2026年1月1日周一 10:00写道：\n旧').text).toBe('好的');
    expect(trimReply('ok\n-----Original Message-----\nFrom: x').text).toBe('ok');
    expect(trimReply('好\n------------------ 原始邮件 ------------------\n发件人: x').text).toBe('好');
    expect(trimReply('ok\nFrom: A <a@b>\nSent: Monday\nTo: B\nSubject: x\n\nold').text).toBe('ok');
    expect(trimReply('好\n发件人: 张三\n发送时间: 2026年1月1日\n收件人: 李四\n主题: x\n\n旧').text).toBe(
      '好',
    );
  });

  it('keeps what is not a quote', () => {
    // One "From:" line in the text is not a header block.
    expect(trimReply('Please check.\nFrom: the manual, page 3').trimmed).toBe(false);
    // Inline answers between quotes stay; only the trailing quote goes.
    expect(trimReply('> question 1\nanswer 1\n> question 2\nanswer 2\n> bye').text).toBe(
      '> question 1\nanswer 1\n> question 2\nanswer 2',
    );
    // A mail that is only a quote keeps its text rather than showing nothing.
    expect(trimReply('> only quoted').text).toBe('> only quoted');
    expect(trimReply('text\n-- \nsig').text).toBe('text');
    expect(trimReply('x\n\n发自我的iPhone').text).toBe('x');
  });
});
