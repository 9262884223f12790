import type { CustomerTier, DepartmentKind } from '@aftercare/contracts';

/** The demo company: one workspace, signed up through the API like any other. */
export const DEMO_SLUG = 'demo';
export const DEMO_COMPANY = '华信售后服务有限公司';
export const DEMO_DOMAIN = 'demo.aftercare.local';
export const DEFAULT_DEMO_PASSWORD = 'aftercare-demo';

export type RoleKey = 'admin' | 'manager' | 'agent' | 'viewer';

export interface DemoStaff {
  /** Local part of the email: <key>@demo.aftercare.local */
  key: string;
  name: string;
  role: RoleKey;
  departments: Array<{ kind: DepartmentKind; lead?: boolean }>;
}

/** The administrator signs the workspace up; everyone else is invited and accepts the invitation. */
export const DEMO_ADMIN: DemoStaff = { key: 'admin', name: '王建国', role: 'admin', departments: [] };

export const DEMO_STAFF: DemoStaff[] = [
  { key: 'manager', name: '李红梅', role: 'manager', departments: [{ kind: 'support', lead: true }] },
  { key: 'support', name: '张伟', role: 'agent', departments: [{ kind: 'support' }] },
  { key: 'support2', name: '刘洋', role: 'agent', departments: [{ kind: 'support' }] },
  { key: 'technical', name: '陈静', role: 'manager', departments: [{ kind: 'technical', lead: true }] },
  { key: 'engineer', name: '杨帆', role: 'agent', departments: [{ kind: 'technical' }, { kind: 'field' }] },
  { key: 'sales', name: '赵磊', role: 'manager', departments: [{ kind: 'sales', lead: true }] },
  { key: 'sales2', name: '黄晓燕', role: 'agent', departments: [{ kind: 'sales' }] },
  { key: 'finance', name: '孙丽', role: 'agent', departments: [{ kind: 'finance', lead: true }] },
  { key: 'logistics', name: '周强', role: 'agent', departments: [{ kind: 'logistics', lead: true }] },
  { key: 'rd', name: '吴敏', role: 'agent', departments: [{ kind: 'rd', lead: true }] },
  { key: 'field', name: '郑浩', role: 'manager', departments: [{ kind: 'field', lead: true }] },
  { key: 'field2', name: '冯涛', role: 'agent', departments: [{ kind: 'field' }] },
  { key: 'viewer', name: '何静', role: 'viewer', departments: [{ kind: 'finance' }] },
];

/** The portal login: the first contact of the first customer, with company-wide access. */
export const DEMO_PORTAL_EMAIL = `portal@${DEMO_DOMAIN}`;

export function demoEmail(key: string): string {
  return `${key}@${DEMO_DOMAIN}`;
}

/** What the startup banner and `aftercare demo` print: one login per role and the portal contact. */
export function demoLogins(): Array<{ who: string; email: string; app: 'app' | 'portal' }> {
  return [
    { who: 'admin', email: demoEmail('admin'), app: 'app' },
    { who: 'manager', email: demoEmail('manager'), app: 'app' },
    { who: 'agent', email: demoEmail('support'), app: 'app' },
    { who: 'viewer', email: demoEmail('viewer'), app: 'app' },
    { who: 'portal', email: DEMO_PORTAL_EMAIL, app: 'portal' },
  ];
}

export interface DemoCustomer {
  code: string;
  name: string;
  /** Host name under example.com (reserved for documentation), for the website and contact emails. */
  domain: string;
  tier: CustomerTier;
  tags: string[];
  phone: string;
  province: string;
  city: string;
  address: string;
  /** WGS-84 */
  latitude: number;
  longitude: number;
  /** Which sales person owns the account. */
  owner: 'sales' | 'sales2' | 'manager';
}

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    code: 'CUS-0001',
    name: '上海浦江精密机械有限公司',
    domain: 'pujiang-jx',
    tier: 'platinum',
    tags: ['制造业', 'ERP', '重点客户'],
    phone: '021-5488 2310',
    province: '上海市',
    city: '上海市',
    address: '闵行区莘庄工业区申富路 568 号',
    latitude: 31.0196,
    longitude: 121.396,
    owner: 'sales',
  },
  {
    code: 'CUS-0002',
    name: '北京中关村恒信科技有限公司',
    domain: 'hengxin-tech',
    tier: 'gold',
    tags: ['软件', 'ERP', 'CRM'],
    phone: '010-6255 7788',
    province: '北京市',
    city: '北京市',
    address: '海淀区中关村大街 27 号中关村大厦 11 层',
    latitude: 39.9836,
    longitude: 116.3164,
    owner: 'sales',
  },
  {
    code: 'CUS-0003',
    name: '深圳南山智联电子有限公司',
    domain: 'zhilian-dz',
    tier: 'gold',
    tags: ['电子', '设备', '扫码枪'],
    phone: '0755-2671 3345',
    province: '广东省',
    city: '深圳市',
    address: '南山区科技园科发路 8 号金融基地 2 栋',
    latitude: 22.5405,
    longitude: 113.9535,
    owner: 'sales2',
  },
  {
    code: 'CUS-0004',
    name: '广州天河云图贸易有限公司',
    domain: 'yuntu-trade',
    tier: 'silver',
    tags: ['零售', 'POS'],
    phone: '020-3878 1290',
    province: '广东省',
    city: '广州市',
    address: '天河区体育西路 103 号维多利广场 A 座 17 楼',
    latitude: 23.1357,
    longitude: 113.321,
    owner: 'sales2',
  },
  {
    code: 'CUS-0005',
    name: '杭州西湖数智物流有限公司',
    domain: 'shuzhi-wl',
    tier: 'gold',
    tags: ['物流', 'PDA', 'ERP'],
    phone: '0571-8821 6603',
    province: '浙江省',
    city: '杭州市',
    address: '西湖区文三路 478 号华星时代广场 9 楼',
    latitude: 30.2766,
    longitude: 120.13,
    owner: 'sales',
  },
  {
    code: 'CUS-0006',
    name: '苏州工业园区德润精工有限公司',
    domain: 'derun-jg',
    tier: 'silver',
    tags: ['制造业', '设备'],
    phone: '0512-6295 4417',
    province: '江苏省',
    city: '苏州市',
    address: '苏州工业园区星湖街 328 号创意产业园 6 幢',
    latitude: 31.2983,
    longitude: 120.722,
    owner: 'manager',
  },
  {
    code: 'CUS-0007',
    name: '南京江宁瑞丰汽车零部件有限公司',
    domain: 'ruifeng-auto',
    tier: 'standard',
    tags: ['汽车零部件', '制造业'],
    phone: '025-5210 8836',
    province: '江苏省',
    city: '南京市',
    address: '江宁区将军大道 159 号',
    latitude: 31.938,
    longitude: 118.826,
    owner: 'sales2',
  },
  {
    code: 'CUS-0008',
    name: '成都高新蜀锦信息技术有限公司',
    domain: 'shujin-it',
    tier: 'silver',
    tags: ['软件', 'HR'],
    phone: '028-8517 3390',
    province: '四川省',
    city: '成都市',
    address: '高新区天府大道中段 1268 号天府软件园 E3 栋',
    latitude: 30.5451,
    longitude: 104.0683,
    owner: 'sales',
  },
  {
    code: 'CUS-0009',
    name: '重庆两江渝新机电设备有限公司',
    domain: 'yuxin-jd',
    tier: 'standard',
    tags: ['机电', '设备'],
    phone: '023-6786 2251',
    province: '重庆市',
    city: '重庆市',
    address: '渝北区金开大道 68 号',
    latitude: 29.65,
    longitude: 106.56,
    owner: 'sales2',
  },
  {
    code: 'CUS-0010',
    name: '武汉光谷楚天光电有限公司',
    domain: 'chutian-gd',
    tier: 'gold',
    tags: ['光电', '制造业', 'ERP'],
    phone: '027-8752 6618',
    province: '湖北省',
    city: '武汉市',
    address: '东湖高新区光谷大道 77 号金融港 B15 栋',
    latitude: 30.478,
    longitude: 114.413,
    owner: 'sales',
  },
  {
    code: 'CUS-0011',
    name: '西安高新秦川仪器有限公司',
    domain: 'qinchuan-yq',
    tier: 'standard',
    tags: ['仪器仪表'],
    phone: '029-8831 4470',
    province: '陕西省',
    city: '西安市',
    address: '雁塔区高新路 52 号高科大厦 8 层',
    latitude: 34.2306,
    longitude: 108.8895,
    owner: 'manager',
  },
  {
    code: 'CUS-0012',
    name: '天津滨海海港物流有限公司',
    domain: 'haigang-wl',
    tier: 'silver',
    tags: ['物流', 'PDA'],
    phone: '022-2570 9912',
    province: '天津市',
    city: '天津市',
    address: '滨海新区新港二号路 35 号',
    latitude: 39.0,
    longitude: 117.71,
    owner: 'sales2',
  },
  {
    code: 'CUS-0013',
    name: '青岛黄海食品机械有限公司',
    domain: 'huanghai-sp',
    tier: 'standard',
    tags: ['食品', '制造业'],
    phone: '0532-8890 3376',
    province: '山东省',
    city: '青岛市',
    address: '崂山区株洲路 151 号',
    latitude: 36.107,
    longitude: 120.468,
    owner: 'sales',
  },
  {
    code: 'CUS-0014',
    name: '厦门鹭岛医疗器械有限公司',
    domain: 'ludao-med',
    tier: 'gold',
    tags: ['医疗器械', 'ERP', '重点客户'],
    phone: '0592-5903 1168',
    province: '福建省',
    city: '厦门市',
    address: '思明区软件园二期观日路 24 号',
    latitude: 24.49,
    longitude: 118.183,
    owner: 'sales',
  },
  {
    code: 'CUS-0015',
    name: '长沙岳麓湘江工程机械有限公司',
    domain: 'xiangjiang-gc',
    tier: 'silver',
    tags: ['工程机械', '设备'],
    phone: '0731-8891 5520',
    province: '湖南省',
    city: '长沙市',
    address: '岳麓区麓谷大道 627 号',
    latitude: 28.235,
    longitude: 112.883,
    owner: 'manager',
  },
  {
    code: 'CUS-0016',
    name: '郑州中原金穗粮油机械有限公司',
    domain: 'jinsui-ly',
    tier: 'standard',
    tags: ['农机', '制造业'],
    phone: '0371-6393 4481',
    province: '河南省',
    city: '郑州市',
    address: '金水区花园路 139 号',
    latitude: 34.78,
    longitude: 113.68,
    owner: 'sales2',
  },
  {
    code: 'CUS-0017',
    name: '合肥蜀山科睿电子有限公司',
    domain: 'kerui-dz',
    tier: 'standard',
    tags: ['电子', 'POS'],
    phone: '0551-6536 2207',
    province: '安徽省',
    city: '合肥市',
    address: '蜀山区黄山路 602 号',
    latitude: 31.843,
    longitude: 117.252,
    owner: 'sales2',
  },
  {
    code: 'CUS-0018',
    name: '沈阳铁西北方重工配件有限公司',
    domain: 'beifang-zg',
    tier: 'silver',
    tags: ['重工', '设备', '服务器'],
    phone: '024-2581 6694',
    province: '辽宁省',
    city: '沈阳市',
    address: '铁西区北一西路 52 号',
    latitude: 41.805,
    longitude: 123.37,
    owner: 'manager',
  },
  {
    code: 'CUS-0019',
    name: '昆明滇池云花生物科技有限公司',
    domain: 'yunhua-bio',
    tier: 'standard',
    tags: ['生物科技', '冷链'],
    phone: '0871-6313 8850',
    province: '云南省',
    city: '昆明市',
    address: '官渡区春城路 219 号',
    latitude: 25.02,
    longitude: 102.72,
    owner: 'sales',
  },
  {
    code: 'CUS-0020',
    name: '哈尔滨松北冰城冷链有限公司',
    domain: 'bingcheng-ll',
    tier: 'standard',
    tags: ['冷链', '物流'],
    phone: '0451-8799 3312',
    province: '黑龙江省',
    city: '哈尔滨市',
    address: '松北区世茂大道 99 号',
    latitude: 45.8,
    longitude: 126.54,
    owner: 'sales2',
  },
];

export const SURNAMES: Array<[string, string]> = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['高', 'gao'],
];

export const GIVEN_NAMES: Array<[string, string]> = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀英', 'xiuying'],
  ['晓东', 'xiaodong'],
  ['志强', 'zhiqiang'],
  ['海燕', 'haiyan'],
  ['建华', 'jianhua'],
  ['鹏', 'peng'],
  ['玉兰', 'yulan'],
  ['文博', 'wenbo'],
  ['雪梅', 'xuemei'],
];

export const CONTACT_TITLES = [
  '信息部经理',
  'IT 主管',
  '设备科科长',
  '采购经理',
  '财务总监',
  '总经理助理',
  '生产部主任',
  '仓储主管',
];

export interface DemoProduct {
  sku: string;
  name: string;
  category: string;
  description: string;
  warrantyMonths: number;
  returnWindowDays: number;
  /** Software: one license per order line, its license number recorded as the serial number. */
  kind: 'software' | 'equipment' | 'consumable' | 'service';
  /** Prefix of generated serial numbers. */
  serialPrefix?: string;
  /** List price in cents: per edition code for software, or the product's own price. */
  prices: Record<string, number>;
  editions?: Array<{ code: string; name: string }>;
}

const yuan = (n: number) => n * 100;

export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    sku: 'ZY-ERP',
    name: '智云 ERP 企业管理软件',
    category: '软件',
    description: '面向制造与商贸企业的一体化 ERP：供应链、生产制造、财务、成本管理。按版本授权，含一年维护。',
    warrantyMonths: 12,
    returnWindowDays: 7,
    kind: 'software',
    serialPrefix: 'LIC-ERP',
    editions: [
      { code: 'STD', name: '标准版' },
      { code: 'PRO', name: '专业版' },
      { code: 'ULT', name: '旗舰版' },
    ],
    prices: { STD: yuan(19_800), PRO: yuan(49_800), ULT: yuan(128_000) },
  },
  {
    sku: 'ZY-HR',
    name: '智云 HR 人力资源管理系统',
    category: '软件',
    description: '组织人事、考勤排班、薪酬社保与员工自助。',
    warrantyMonths: 12,
    returnWindowDays: 7,
    kind: 'software',
    serialPrefix: 'LIC-HR',
    editions: [
      { code: 'STD', name: '标准版' },
      { code: 'PRO', name: '专业版' },
    ],
    prices: { STD: yuan(9_800), PRO: yuan(26_800) },
  },
  {
    sku: 'ZY-CRM',
    name: '智云 CRM 客户关系管理',
    category: '软件',
    description: '线索、商机、合同与回款管理，支持移动端。',
    warrantyMonths: 12,
    returnWindowDays: 7,
    kind: 'software',
    serialPrefix: 'LIC-CRM',
    editions: [
      { code: 'STD', name: '标准版' },
      { code: 'PRO', name: '专业版' },
    ],
    prices: { STD: yuan(12_800), PRO: yuan(36_800) },
  },
  {
    sku: 'ZY-FIN',
    name: '智云财务软件',
    category: '软件',
    description: '总账、报表、应收应付、固定资产与发票管理。',
    warrantyMonths: 12,
    returnWindowDays: 7,
    kind: 'software',
    serialPrefix: 'LIC-FIN',
    editions: [
      { code: 'STD', name: '标准版' },
      { code: 'PRO', name: '专业版' },
      { code: 'ULT', name: '旗舰版' },
    ],
    prices: { STD: yuan(6_800), PRO: yuan(16_800), ULT: yuan(39_800) },
  },
  {
    sku: 'HX-SCAN-S200',
    name: '工业条码扫描枪 S200',
    category: '设备',
    description: '一维/二维码扫描，IP65 防护，1.8 米跌落。',
    warrantyMonths: 24,
    returnWindowDays: 15,
    kind: 'equipment',
    serialPrefix: 'S200',
    prices: { '': yuan(1_280) },
  },
  {
    sku: 'HX-PRT-T880',
    name: '热敏标签打印机 T880',
    category: '设备',
    description: '203 dpi 热敏/热转印，最大打印宽度 104 mm。',
    warrantyMonths: 12,
    returnWindowDays: 15,
    kind: 'equipment',
    serialPrefix: 'T880',
    prices: { '': yuan(2_680) },
  },
  {
    sku: 'HX-POS-P10',
    name: '收银一体机 P10',
    category: '设备',
    description: '15.6 英寸双屏收银一体机，含小票打印。',
    warrantyMonths: 24,
    returnWindowDays: 15,
    kind: 'equipment',
    serialPrefix: 'P10',
    prices: { '': yuan(4_580) },
  },
  {
    sku: 'HX-SRV-R2',
    name: '机架式服务器 R2',
    category: '设备',
    description: '2U 双路服务器，2×16 核，128 GB 内存，4×1.92 TB SSD。',
    warrantyMonths: 36,
    returnWindowDays: 15,
    kind: 'equipment',
    serialPrefix: 'R2',
    prices: { '': yuan(38_600) },
  },
  {
    sku: 'HX-SW-24G',
    name: '千兆网络交换机 24 口',
    category: '设备',
    description: '24 个千兆电口 + 4 个万兆光口，可网管。',
    warrantyMonths: 36,
    returnWindowDays: 15,
    kind: 'equipment',
    serialPrefix: 'SW24',
    prices: { '': yuan(3_200) },
  },
  {
    sku: 'HX-UPS-3K',
    name: 'UPS 不间断电源 3kVA',
    category: '设备',
    description: '在线式 UPS，3 kVA / 2.7 kW，标配 30 分钟电池组。',
    warrantyMonths: 24,
    returnWindowDays: 15,
    kind: 'equipment',
    serialPrefix: 'UPS3K',
    prices: { '': yuan(5_600) },
  },
  {
    sku: 'HX-PDA-M5',
    name: '手持数据终端 PDA M5',
    category: '设备',
    description: 'Android 手持终端，二维扫描，4G/Wi-Fi，适用于仓储盘点。',
    warrantyMonths: 12,
    returnWindowDays: 15,
    kind: 'equipment',
    serialPrefix: 'M5',
    prices: { '': yuan(3_980) },
  },
  {
    sku: 'HX-LBL-10050',
    name: '热敏标签纸 100×50 mm（卷）',
    category: '耗材',
    description: '每卷 1000 张，适用于 T880。',
    warrantyMonths: 0,
    returnWindowDays: 7,
    kind: 'consumable',
    prices: { '': 35 * 100 },
  },
  {
    sku: 'SVC-ONSITE',
    name: '上门实施服务（人天）',
    category: '服务',
    description: '实施顾问上门部署、培训与数据迁移，按人天计费。',
    warrantyMonths: 0,
    returnWindowDays: 0,
    kind: 'service',
    prices: { '': yuan(2_000) },
  },
];

/** Support cases of the demo: what customers of an ERP reseller and equipment maker really ask. */
export interface DemoCase {
  subject: string;
  body: string;
  type: 'question' | 'incident' | 'request' | 'complaint';
  severity: 'S1' | 'S2' | 'S3' | 'S4';
  /** Who works on it. */
  agent: 'support' | 'support2' | 'technical' | 'engineer';
  reply?: string;
  note?: string;
  /** Where the demo leaves it. */
  status: 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
  pauseReason?: string;
}

export const DEMO_CASES: DemoCase[] = [
  {
    subject: '月末结账时提示“凭证未审核”无法结账',
    body: '财务月末结账，系统提示存在未审核凭证，但我们已经全部审核过了。',
    type: 'incident',
    severity: 'S2',
    agent: 'support',
    reply: '请在“凭证查询”中把期间条件改为本月，并勾选“包含未过账凭证”，截图发给我们。',
    status: 'pending',
    pauseReason: '等待客户提供截图',
  },
  {
    subject: '新增用户后登录提示许可数不足',
    body: '新来的两位同事登录 ERP 时提示许可数已满。',
    type: 'question',
    severity: 'S3',
    agent: 'support2',
    reply: '当前许可为 20 个并发，已全部占用。可先在“在线用户”中踢出空闲会话，我们同时为您报价增购。',
    status: 'solved',
  },
  {
    subject: '仓库扫码枪无法连接到 WMS',
    body: '今天早上开始两台扫码枪连不上，其他电脑正常。',
    type: 'incident',
    severity: 'S1',
    agent: 'engineer',
    note: '疑似现场 AP 固件升级导致，已联系客户 IT。',
    reply: '工程师已在路上，预计 2 小时内到场。',
    status: 'open',
  },
  {
    subject: '申请开通移动审批功能',
    body: '领导希望在手机上审批采购单，需要怎么开通？',
    type: 'request',
    severity: 'S4',
    agent: 'support',
    reply: '移动审批需要专业版以上授权，已为您安排销售同事联系。',
    status: 'closed',
  },
  {
    subject: '打印机打印发货单缺边',
    body: '发货单右侧一列打印不全。',
    type: 'incident',
    severity: 'S3',
    agent: 'support2',
    status: 'new',
  },
  {
    subject: '服务人员多次爽约，要求投诉处理',
    body: '约好上周三上门，两次没有来也没有提前通知，非常不满意。',
    type: 'complaint',
    severity: 'S2',
    agent: 'technical',
    note: '已核实：派工单未同步到工程师手机，需整改排班流程。',
    reply: '非常抱歉给您带来不便，服务经理将在今天内致电说明并重新安排。',
    status: 'open',
  },
  {
    subject: '库存报表与实盘差异较大',
    body: '年度盘点发现 A 仓库存报表与实际差 300 多件。',
    type: 'incident',
    severity: 'S2',
    agent: 'technical',
    reply: '初步判断为调拨单未审核导致，需要等供应商提供补丁。',
    status: 'on_hold',
    pauseReason: '等待厂商补丁',
  },
  {
    subject: '如何设置多级审批流程',
    body: '采购金额超过 5 万需要总经理审批，怎么配置？',
    type: 'question',
    severity: 'S4',
    agent: 'support',
    reply: '在“工作流设计”中新增条件分支，金额 > 50000 时流转到总经理角色，附件为操作步骤。',
    status: 'solved',
  },
  {
    subject: '数控机床主轴异响',
    body: '3 号机床主轴运行时有明显异响，已停机。',
    type: 'incident',
    severity: 'S1',
    agent: 'engineer',
    note: '备件（主轴轴承）需从苏州仓调货。',
    status: 'on_hold',
    pauseReason: '等待备件到货',
  },
  {
    subject: '需要导出近三年的销售明细',
    body: '审计需要，能否帮忙导出 2023–2025 年销售明细？',
    type: 'request',
    severity: 'S3',
    agent: 'support2',
    status: 'open',
  },
  {
    subject: 'ERP 升级后报表打不开',
    body: '昨晚升级到新版本后，自定义报表全部打不开。',
    type: 'incident',
    severity: 'S2',
    agent: 'technical',
    status: 'new',
  },
  {
    subject: 'Invoice export to CSV shows garbled Chinese',
    body: 'When we export invoices to CSV and open them in Excel, Chinese characters are garbled.',
    type: 'question',
    severity: 'S3',
    agent: 'support',
    reply:
      'Please choose “UTF-8 with BOM” in the export dialog, or import the file through Excel’s Data > From Text.',
    status: 'solved',
  },
];

/** Shared canned replies, with variables filled in from the case (zh-CN and en). */
export const DEMO_MACROS = [
  {
    name: '已收到，正在处理',
    body: {
      'zh-CN':
        '{{contact.name}}，您好：\n\n工单 {{case.number}} 已收到，{{agent.name}} 正在处理，我们会在 {{commitment.answerBy}} 前答复您。',
      en: 'Hello {{contact.name}},\n\nwe have case {{case.number}} and {{agent.name}} is on it; you will hear from us by {{commitment.answerBy}}.',
    },
  },
  {
    name: '请提供日志',
    body: {
      'zh-CN': '{{contact.name}}，您好：\n\n为尽快定位问题，请在本工单中上传出错时的系统日志和截图。谢谢！',
      en: 'Hello {{contact.name}},\n\nto find the cause quickly, please attach the system log and a screenshot of the error to this case. Thank you!',
    },
  },
];
