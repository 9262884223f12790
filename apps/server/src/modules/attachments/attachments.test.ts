import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type {
  AttachmentUpload,
  CaseDetail,
  CaseDiscipline,
  CaseMessage,
  Contact,
  Customer,
  PortalCaseDetail,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, fieldsOf, sessionFrom, type ErrorReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';
import { PNG_1PX, uploadFile } from '../../../test/multipart.js';
import { sanitizeName } from './attachments.content.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Upload = AttachmentUpload & ErrorReply;

async function portalContact(ws: Workspace, customerId: string, companyWide: boolean) {
  const contact = (
    await ws.admin.post<Contact>('/api/contacts', {
      customerId,
      name: unique('联系人'),
      email: `${unique('c')}@customer.example.com`,
      companyWide,
    })
  ).body;
  const invite = await ws.admin.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`);
  const accepted = await new Client(t.app).post('/api/portal/auth/accept-invite', {
    token: new URL(invite.body.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  expect(accepted.status).toBe(200);
  return { client: new Client(t.app, sessionFrom(accepted)), contact };
}

async function world(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const ws = await createWorkspace(t.app, { locale });
  const a = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '甲方机电' })).body;
  const b = (await ws.admin.post<Customer>('/api/customers', { code: 'B', name: '乙方软件' })).body;
  const mine = await portalContact(ws, a.id, false);
  const foreign = await portalContact(ws, b.id, true);
  const agent = await createStaff(t.app, ws, 'agent');
  const created = await ws.admin.post<CaseDetail>('/api/cases', {
    customerId: a.id,
    contactId: mine.contact.id,
    subject: '设备故障',
    body: '无法开机',
  });
  expect(created.status).toBe(201);
  return { ws, mine, foreign, agent, caseId: created.body.id };
}

const upload = (c: Client, content: Buffer | string, filename: string, url = '/api/attachments') =>
  uploadFile<Upload>(c, url, content, { filename });

async function attachmentRows(ws: Workspace): Promise<number> {
  const r = await t.database.db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', ws.me.workspace.id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const HTML = '<html><body><script>alert(document.cookie)</script></body></html>';

describe('uploads are checked by content', () => {
  it('accepts a real image with its name, size, detected type and SHA-256, expiring if never attached', async () => {
    const { ws } = await world();
    const res = await upload(ws.admin, PNG_1PX, '截图 1.png');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '截图 1.png',
      size: PNG_1PX.length,
      contentType: 'image/png',
      isImage: true,
      sha256: createHash('sha256').update(PNG_1PX).digest('hex'),
      url: `/api/attachments/${res.body.id}`,
      previewUrl: `/api/attachments/${res.body.id}/preview`,
    });
    expect(Date.parse(res.body.expiresAt) - t.clock.now().getTime()).toBe(24 * 3_600_000);
  });

  it('refuses HTML named .png, a PNG named .pdf, HTML and SVG, binary junk and empty files', async () => {
    const { ws } = await world();
    const cases: Array<[Buffer | string, string, number, string]> = [
      [HTML, 'photo.png', 415, 'attachment_type_mismatch'],
      [PNG_1PX, 'report.pdf', 415, 'attachment_type_mismatch'],
      [PDF, 'report.docx', 415, 'attachment_type_mismatch'],
      [HTML, 'page.html', 415, 'attachment_type_refused'],
      [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        'a.svg',
        415,
        'attachment_type_refused',
      ],
      [
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
        'a.png',
        415,
        'attachment_type_refused',
      ],
      [
        Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
        'tool.exe',
        415,
        'attachment_type_refused',
      ],
      [Buffer.from([0x41, 0x00, 0x42]), 'notes.txt', 415, 'attachment_type_refused'],
      [Buffer.from([0xff, 0xfe, 0xfd]), 'notes.txt', 415, 'attachment_type_refused'],
      [
        Buffer.concat([PNG_1PX.subarray(0, 16), Buffer.alloc(32, 7)]),
        'broken.png',
        415,
        'attachment_type_refused',
      ],
      ['', 'empty.txt', 400, 'validation_failed'],
    ];
    for (const [content, name, status, code] of cases) {
      const res = await upload(ws.admin, content, name);
      expect(res.status, name).toBe(status);
      expect(res.body.error.code, name).toBe(code);
    }
    const mismatch = await upload(ws.admin, HTML, 'photo.png');
    expect(mismatch.body.error.message).toBe('文件扩展名与文件内容不符，请检查文件后重新上传。');
    expect(await attachmentRows(ws)).toBe(0);
  });

  it('answers in the user’s language', async () => {
    const { ws } = await world('en');
    const res = await upload(ws.admin, HTML, 'page.html');
    expect(res.body.error.message).toMatch(/^This type of file is not accepted/);
  });

  it('accepts PDF, plain text, CSV and logs, and names a file without extension after its content', async () => {
    const { ws } = await world();
    const ok: Array<[Buffer | string, string, string, string]> = [
      [PDF, '报告.pdf', 'application/pdf', '报告.pdf'],
      ['编号,名称\n1,设备\n', 'list.CSV', 'text/csv', 'list.CSV'],
      ['2026-01-01 boot failed\n', 'device.log', 'text/plain', 'device.log'],
      [HTML, 'page.txt', 'text/plain', 'page.txt'],
      ['plain words', 'README', 'text/plain', 'README.txt'],
      [PNG_1PX, 'clipboard', 'image/png', 'clipboard.png'],
    ];
    for (const [content, name, type, stored] of ok) {
      const res = await upload(ws.admin, content, name);
      expect(res.status, name).toBe(201);
      expect(res.body.contentType, name).toBe(type);
      expect(res.body.name, name).toBe(stored);
      expect(res.body.isImage, name).toBe(type === 'image/png');
    }
  });

  it('sanitises names: no folders, control or direction-override characters', async () => {
    expect(sanitizeName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeName('C:\\Users\\x\\报告.pdf')).toBe('报告.pdf');
    expect(sanitizeName('evil\u202Efdp.exe')).toBe('evilfdp.exe');
    expect(sanitizeName('a\r\nb\u0000c.txt')).toBe('abc.txt');
    expect(sanitizeName('...hidden')).toBe('hidden');
    expect(sanitizeName('  ')).toBe('file');
    expect(sanitizeName('a<b>:"c|?*.txt')).toBe('a_b___c___.txt');
    const long = sanitizeName(`${'长'.repeat(300)}.pdf`);
    expect([...long]).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
    const { ws } = await world();
    const res = await upload(ws.admin, 'x', '../../secret\u0007.txt');
    expect(res.body.name).toBe('secret.txt');
  });

  it('refuses a file over 10 MB with 413 and writes nothing', async () => {
    const { ws } = await world();
    const res = await upload(ws.admin, Buffer.alloc(10 * 1_048_576 + 1, 0x61), 'big.txt');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('attachment_too_large');
    const exact = await upload(ws.admin, Buffer.alloc(10 * 1_048_576, 0x61), 'fits.txt');
    expect(exact.status).toBe(201);
    expect(await attachmentRows(ws)).toBe(1);
  });

  it('answers JSON, form and broken bodies, and a missing file field, with a clean 4xx', async () => {
    const { ws, mine } = await world();
    for (const [client, url] of [
      [ws.admin, '/api/attachments'],
      [mine.client, '/api/portal/attachments'],
    ] as const) {
      const json = await client.request('POST', url, { name: 'x' });
      expect(json.status).toBe(415);
      const form = await client.request('POST', url, 'a=1', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(form.status).toBe(415);
      const broken = await client.request('POST', url, '{"a":', { 'content-type': 'application/json' });
      expect(broken.status).toBe(400);
      const wrongField = await uploadFile<ErrorReply>(client, url, PNG_1PX, {
        filename: 'a.png',
        field: 'upload',
      });
      expect(wrongField.status).toBe(400);
      expect(fieldsOf(wrongField)).toEqual(['file:required']);
      for (const r of [json, form, broken, wrongField])
        expect(typeof (r.body as ErrorReply).error.requestId).toBe('string');
    }
    expect(await attachmentRows(ws)).toBe(0);
  });
});

describe('downloads and previews', () => {
  it('downloads as an attachment with the detected type, a safe RFC 5987 name and inert headers', async () => {
    const { ws } = await world();
    const up = await upload(ws.admin, PNG_1PX, '截图 1.png');
    const res = await t.app.inject({
      method: 'GET',
      url: up.body.url,
      headers: { cookie: `ac_session=${ws.session.cookie}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="?? 1.png"; filename*=UTF-8''%E6%88%AA%E5%9B%BE%201.png`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(res.rawPayload.equals(PNG_1PX)).toBe(true);
    const text = await upload(ws.admin, HTML, 'page.txt');
    const got = await ws.admin.get(text.body.url);
    expect(got.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="page.txt"`);
  });

  it('previews raster images re-encoded as WebP, so bytes hidden in a polyglot do not survive', async () => {
    const { ws } = await world();
    const big = await sharp({
      create: { width: 2400, height: 1200, channels: 3, background: { r: 200, g: 30, b: 30 } },
    })
      .png()
      .toBuffer();
    const polyglot = Buffer.concat([big, Buffer.from(HTML)]);
    const up = await upload(ws.admin, polyglot, 'poly.png');
    expect(up.status).toBe(201);
    const res = await t.app.inject({
      method: 'GET',
      url: up.body.previewUrl ?? '',
      headers: { cookie: `ac_session=${ws.session.cookie}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(String(res.headers['content-disposition'])).toMatch(/^inline;/);
    expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(res.rawPayload.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect(res.rawPayload.includes(Buffer.from('<script>'))).toBe(false);
    const meta = await sharp(res.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([1600, 800]);
    const pdf = await upload(ws.admin, PDF, 'a.pdf');
    expect(pdf.body.previewUrl).toBeNull();
    expect((await ws.admin.get(`${pdf.body.url}/preview`)).status).toBe(404);
  });
});

describe('attaching', () => {
  it('puts files on staff replies and portal messages; each upload once, by its uploader only, before it expires', async () => {
    const { ws, mine, agent, caseId } = await world();
    const a1 = await upload(ws.admin, PNG_1PX, 'a.png');
    const a2 = await upload(ws.admin, PDF, 'b.pdf');
    const reply = await ws.admin.post<CaseMessage & ErrorReply>(`/api/cases/${caseId}/messages`, {
      body: '请看附件',
      visibility: 'public',
      attachmentIds: [a1.body.id, a2.body.id],
    });
    expect(reply.status).toBe(201);
    expect(reply.body.attachments?.map((a) => a.name)).toEqual(['a.png', 'b.pdf']);
    // used already
    const again = await ws.admin.post(`/api/cases/${caseId}/messages`, {
      body: '再发一次',
      visibility: 'public',
      attachmentIds: [a1.body.id],
    });
    expect(again.status).toBe(400);
    expect(fieldsOf(again)).toEqual(['attachmentIds/0:attachment_unavailable']);
    // someone else's upload
    const theirs = await upload(agent.client, PNG_1PX, 'agent.png');
    const stolen = await ws.admin.post(`/api/cases/${caseId}/messages`, {
      body: 'x',
      visibility: 'internal',
      attachmentIds: [theirs.body.id],
    });
    expect(fieldsOf(stolen)).toEqual(['attachmentIds/0:attachment_unavailable']);
    expect((await ws.admin.get(theirs.body.url)).status).toBe(404);
    expect((await agent.client.get(theirs.body.url)).status).toBe(200);
    // a contact cannot use a staff upload, and staff cannot use a contact's
    const own = await upload(mine.client, PNG_1PX, 'contact.png', '/api/portal/attachments');
    expect(own.status).toBe(201);
    expect(own.body.url).toBe(`/api/portal/attachments/${own.body.id}`);
    const borrowed = await mine.client.post(`/api/portal/cases/${caseId}/messages`, {
      body: 'x',
      attachmentIds: [theirs.body.id],
    });
    expect(fieldsOf(borrowed)).toEqual(['attachmentIds/0:attachment_unavailable']);
    const byStaff = await agent.client.post(`/api/cases/${caseId}/messages`, {
      body: 'x',
      visibility: 'public',
      attachmentIds: [own.body.id],
    });
    expect(fieldsOf(byStaff)).toEqual(['attachmentIds/0:attachment_unavailable']);
    const portalReply = await mine.client.post<PortalCaseDetail>(`/api/portal/cases/${caseId}/messages`, {
      body: '这是现场照片',
      attachmentIds: [own.body.id],
    });
    expect(portalReply.status).toBe(201);
    const last = portalReply.body.messages.at(-1);
    expect(last?.attachments?.map((a) => a.url)).toEqual([`/api/portal/attachments/${own.body.id}`]);
    const staffView = (await ws.admin.get<CaseDetail>(`/api/cases/${caseId}`)).body;
    expect(staffView.messages.at(-1)?.attachments?.[0]?.url).toBe(`/api/attachments/${own.body.id}`);
    expect((await agent.client.get(`/api/attachments/${own.body.id}`)).status).toBe(200);
    // expired
    const late = await upload(ws.admin, PNG_1PX, 'late.png');
    t.clock.advance(24 * 3_600_000 + 1000);
    const expired = await ws.admin.post(`/api/cases/${caseId}/messages`, {
      body: 'x',
      visibility: 'public',
      attachmentIds: [late.body.id],
    });
    expect(fieldsOf(expired)).toEqual(['attachmentIds/0:attachment_unavailable']);
    // the next upload sweeps expired ones away
    await upload(ws.admin, PNG_1PX, 'fresh.png');
    expect((await ws.admin.get(late.body.url)).status).toBe(404);
    // at most ten per message
    const eleven = await ws.admin.post(`/api/cases/${caseId}/messages`, {
      body: 'x',
      visibility: 'public',
      attachmentIds: Array.from({ length: 11 }, () => crypto.randomUUID()),
    });
    expect(eleven.status).toBe(400);
  });

  it('opens cases with files, staff and portal', async () => {
    const { ws, mine } = await world();
    const up = await upload(mine.client, PDF, '故障说明.pdf', '/api/portal/attachments');
    const created = await mine.client.post<PortalCaseDetail>('/api/portal/cases', {
      subject: '打印机卡纸',
      body: '见附件',
      attachmentIds: [up.body.id],
    });
    expect(created.status).toBe(201);
    expect(created.body.messages[0]?.attachments?.[0]?.name).toBe('故障说明.pdf');
    const customerId = (await ws.admin.get<CaseDetail>(`/api/cases/${created.body.id}`)).body.customerId;
    const staffUp = await upload(ws.admin, PNG_1PX, 'p.png');
    const staffCase = await ws.admin.post<CaseDetail>('/api/cases', {
      customerId,
      subject: '电话报修',
      body: '客户来电',
      attachmentIds: [staffUp.body.id],
    });
    expect(staffCase.status).toBe(201);
    expect(staffCase.body.messages[0]?.attachments?.[0]?.isImage).toBe(true);
  });

  it('lets uploaders remove their own uploads before attaching them, nothing else', async () => {
    const { ws, mine, agent, caseId } = await world();
    const up = await upload(ws.admin, PNG_1PX, 'a.png');
    expect((await agent.client.delete(up.body.url)).status).toBe(404);
    expect((await mine.client.delete(`/api/portal/attachments/${up.body.id}`)).status).toBe(404);
    expect((await ws.admin.delete(up.body.url)).status).toBe(200);
    expect((await ws.admin.get(up.body.url)).status).toBe(404);
    const used = await upload(ws.admin, PNG_1PX, 'b.png');
    await ws.admin.post(`/api/cases/${caseId}/messages`, {
      body: 'x',
      visibility: 'public',
      attachmentIds: [used.body.id],
    });
    expect((await ws.admin.delete(used.body.url)).status).toBe(404);
    const theirs = await upload(mine.client, PNG_1PX, 'c.png', '/api/portal/attachments');
    expect((await mine.client.delete(`/api/portal/attachments/${theirs.body.id}`)).status).toBe(200);
  });
});

describe('who sees which file', () => {
  it('keeps internal notes’ files from contacts, and files from other customers and workspaces', async () => {
    const { ws, mine, foreign, caseId } = await world();
    const pub = await upload(ws.admin, PNG_1PX, 'public.png');
    const note = await upload(ws.admin, PNG_1PX, 'internal.png');
    await ws.admin.post(`/api/cases/${caseId}/messages`, {
      body: '公开',
      visibility: 'public',
      attachmentIds: [pub.body.id],
    });
    await ws.admin.post(`/api/cases/${caseId}/messages`, {
      body: '内部',
      visibility: 'internal',
      attachmentIds: [note.body.id],
    });
    const portal = (await mine.client.get<PortalCaseDetail>(`/api/portal/cases/${caseId}`)).body;
    const text = JSON.stringify(portal);
    expect(text).toContain(pub.body.id);
    expect(text).not.toContain(note.body.id);
    expect((await mine.client.get(`/api/portal/attachments/${pub.body.id}`)).status).toBe(200);
    expect((await mine.client.get(`/api/portal/attachments/${pub.body.id}/preview`)).status).toBe(200);
    for (const url of [
      `/api/portal/attachments/${note.body.id}`,
      `/api/portal/attachments/${note.body.id}/preview`,
    ])
      expect((await mine.client.get(url)).status, url).toBe(404);
    expect((await ws.admin.get(`/api/attachments/${note.body.id}`)).status).toBe(200);
    // another customer's contact (company-wide) sees none of it
    for (const id of [pub.body.id, note.body.id])
      expect((await foreign.client.get(`/api/portal/attachments/${id}`)).status).toBe(404);
    // a contact's unattached upload is theirs alone
    const draft = await upload(mine.client, PNG_1PX, 'draft.png', '/api/portal/attachments');
    expect((await foreign.client.get(`/api/portal/attachments/${draft.body.id}`)).status).toBe(404);
    expect((await ws.admin.get(`/api/attachments/${draft.body.id}`)).status).toBe(404);
    expect((await mine.client.get(`/api/portal/attachments/${draft.body.id}`)).status).toBe(200);
    // staff routes refuse contacts; another workspace gets 404
    expect((await mine.client.get(`/api/attachments/${pub.body.id}`)).status).toBe(403);
    const other = await createWorkspace(t.app);
    expect((await other.admin.get(`/api/attachments/${pub.body.id}`)).status).toBe(404);
    expect((await other.admin.get(`/api/attachments/${pub.body.id}/preview`)).status).toBe(404);
    const otherUp = await upload(other.admin, PNG_1PX, 'o.png');
    const cross = await ws.admin.post(`/api/cases/${caseId}/messages`, {
      body: 'x',
      visibility: 'public',
      attachmentIds: [otherUp.body.id],
    });
    expect(fieldsOf(cross)).toEqual(['attachmentIds/0:attachment_unavailable']);
  });
});

describe('action plan screenshots', () => {
  it('keeps files on plan steps, shows them on both sides, and drops them with their step', async () => {
    const { ws, mine, foreign, caseId } = await world();
    const shot = await upload(ws.admin, PNG_1PX, 'step1.png');
    // Each save sends the plan version it read, as the web does.
    const put = async (body: object) => {
      const read = await ws.admin.get<{ discipline?: CaseDiscipline }>(`/api/cases/${caseId}`);
      const version = read.body.discipline?.planVersion ?? 0;
      return ws.admin.put<CaseDiscipline & ErrorReply>(`/api/cases/${caseId}/plan`, { ...body, version });
    };
    const first = await put({
      steps: [
        { title: '重启设备', expectedResult: '指示灯变绿', attachmentIds: [shot.body.id] },
        { title: '检查电源', expectedResult: '电压正常' },
      ],
    });
    expect(first.status).toBe(200);
    const [s1, s2] = first.body.plan;
    expect(s1?.attachments?.map((a) => a.id)).toEqual([shot.body.id]);
    expect(s2?.attachments).toEqual([]);
    const portal = (await mine.client.get<PortalCaseDetail>(`/api/portal/cases/${caseId}`)).body;
    expect(portal.discipline?.plan[0]?.attachments?.[0]?.url).toBe(`/api/portal/attachments/${shot.body.id}`);
    expect((await mine.client.get(`/api/portal/attachments/${shot.body.id}`)).status).toBe(200);
    expect((await foreign.client.get(`/api/portal/attachments/${shot.body.id}`)).status).toBe(404);
    // saving without attachmentIds keeps the files; a stolen or reused id is refused with its field
    const kept = await put({
      steps: [
        { id: s1?.id, title: '重启设备', expectedResult: '指示灯变绿' },
        { id: s2?.id, title: '检查电源', expectedResult: '电压正常', attachmentIds: [shot.body.id] },
      ],
    });
    expect(fieldsOf(kept)).toEqual(['steps/1/attachmentIds/0:attachment_unavailable']);
    const same = await put({
      steps: [
        { id: s1?.id, title: '重启设备', expectedResult: '指示灯变绿' },
        { id: s2?.id, title: '检查电源', expectedResult: '电压正常' },
      ],
    });
    expect(same.body.plan[0]?.attachments?.map((a) => a.id)).toEqual([shot.body.id]);
    // the step's list replaces its files: [] removes them
    const cleared = await put({
      steps: [{ id: s1?.id, title: '重启设备', expectedResult: '指示灯变绿', attachmentIds: [] }],
    });
    expect(cleared.body.plan[0]?.attachments).toEqual([]);
    expect((await ws.admin.get(`/api/attachments/${shot.body.id}`)).status).toBe(404);
    // a removed step takes its files along
    const other = await upload(ws.admin, PNG_1PX, 'step2.png');
    const withFile = await put({
      steps: [
        { id: s1?.id, title: '重启设备', expectedResult: '指示灯变绿', attachmentIds: [other.body.id] },
      ],
    });
    expect(withFile.body.plan[0]?.attachments).toHaveLength(1);
    await put({ steps: [{ title: '新步骤', expectedResult: '完成' }] });
    expect((await ws.admin.get(`/api/attachments/${other.body.id}`)).status).toBe(404);
  });
});
