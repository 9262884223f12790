// Case subjects and messages that read like real ones: Chinese and English, varied lengths.

const PRODUCTS_ZH = [
  '数控机床',
  '注塑机',
  '扫码枪',
  '财务软件',
  '工业相机',
  'PLC 控制柜',
  '空压机',
  '叉车',
  '打印机',
  'ERP 系统',
];
const PRODUCTS_EN = [
  'CNC lathe',
  'barcode scanner',
  'label printer',
  'ERP module',
  'air compressor',
  'PLC cabinet',
  'vision camera',
  'forklift',
];
const SYMPTOMS_ZH = [
  '开机报警 E42',
  '主轴异响',
  '无法连接服务器',
  '打印模糊',
  '登录后白屏',
  '温度过高自动停机',
  '数据同步失败',
  '扫码无反应',
  '报表导出乱码',
  '液压压力不稳',
];
const SYMPTOMS_EN = [
  'shows alarm E42 at start-up',
  'makes a grinding noise',
  'cannot reach the licence server',
  'prints blurred labels',
  'freezes after login',
  'stops when it overheats',
  'fails to sync orders',
  'exports garbled reports',
];
const DETAILS_ZH = [
  '今天早上八点开机后出现该问题，已经重启两次仍然存在。',
  '生产线因此停了半小时，请尽快安排工程师。',
  '我们已经按照说明书检查了电源和线缆，没有发现异常。',
  '附件是现场拍的照片和日志，麻烦帮忙看一下。',
  '上周维修过一次，当时说是固件问题，现在又出现了。',
  '客户那边催得很紧，希望今天能给一个答复。',
  '版本号是 3.2.1，操作系统是 Windows 10。',
];
const DETAILS_EN = [
  'It started this morning after the night shift; restarting did not help.',
  'The line was stopped for thirty minutes because of it.',
  'We checked power and cabling as the manual says and found nothing wrong.',
  'Photos and the log file are attached.',
  'An engineer replaced the board last week, but the fault is back.',
  'Firmware 3.2.1 on all three units.',
];

/** Deterministic pseudo-random numbers (mulberry32), so runs generate the same data. */
export function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function caseText(random: () => number): { subject: string; body: string } {
  if (random() < 0.3) {
    const product = pick(random, PRODUCTS_EN);
    const subject = `The ${product} ${pick(random, SYMPTOMS_EN)}`;
    const n = 1 + Math.floor(random() * 5);
    const body = Array.from({ length: n }, () => pick(random, DETAILS_EN)).join(' ');
    return { subject, body: `<p>Hello, our ${product} ${pick(random, SYMPTOMS_EN)}.</p><p>${body}</p>` };
  }
  const product = pick(random, PRODUCTS_ZH);
  const subject = `${product}${pick(random, SYMPTOMS_ZH)}`;
  const n = 1 + Math.floor(random() * 6);
  const body = Array.from({ length: n }, () => pick(random, DETAILS_ZH)).join('');
  return { subject, body: `<p>您好，我们的${product}${pick(random, SYMPTOMS_ZH)}。</p><p>${body}</p>` };
}

/** Words the search benchmark looks for: they occur in the generated text. */
export const SEARCH_TERMS = [
  '主轴',
  '报警',
  '扫码枪',
  '同步失败',
  '工程师',
  'compressor',
  'firmware',
  '乱码',
  '液压',
  'licence',
];
