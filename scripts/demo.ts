// `npm run demo`: against the running stack (`npm start`), plays a campaign over HTTP: a fresh campaign
// with the demo's 12 units under 3 supervising departments; liaisons submit generated ledgers (one gets a
// 422, fixes the errors and resubmits; one submits the .xlsx file itself), heads sign, seals are
// uploaded, the office returns one ledger and accepts others, one unit reports late and one misses the
// deadline; the reminder function runs; then the progress table is printed.
// The campaign's days are simulated with the dev-only X-Dev-Now header (AUTH_MODE=dev).
import { randomUUID } from 'node:crypto';
import { XLSX_CONTENT_TYPE } from '../shared/api/contract';
import { addDays, chinaDay, todayInChina } from '../shared/dates';
import type { ProgressResponse } from '../shared/api/routes';
import { UNIT_STATUS_LABEL } from '../shared/desk/sheets';
import { buildTemplateWorkbook } from '../shared/node/templateWorkbook';
import { fillTemplate } from '../fixtures/sampleWorkbooks';
import { OFFICE_ADMIN, demoCampaign, demoMembers, demoUnits, unitLedger } from '../fixtures/demoSeed';

const API = process.env.TAIZHANG_API ?? 'http://localhost:7071/api';
const tokens = new Map<string, string>();
const today = todayInChina();
/** Day n of the campaign at 10:00 China time. */
const dayAt = (n: number) => `${addDays(today, n)}T02:00:00Z`;
/** The China day of campaign day n: the 填报日期 of a ledger submitted that day. */
const dayOf = (n: number) => addDays(today, n);

async function token(userId: string) {
  if (!tokens.has(userId)) {
    const r = await fetch(`${API}/dev/token`, { method: 'POST', body: JSON.stringify({ userId }) });
    if (!r.ok) throw new Error(`POST /dev/token → ${r.status}（本地环境是否以 AUTH_MODE=dev 运行？）`);
    tokens.set(userId, ((await r.json()) as { token: string }).token);
  }
  return tokens.get(userId)!;
}

async function call(
  as: string,
  method: string,
  path: string,
  opts: { json?: unknown; body?: Uint8Array; type?: string; day: number; key?: string },
) {
  const headers: Record<string, string> = { authorization: `Bearer ${await token(as)}`, 'X-Dev-Now': dayAt(opts.day) };
  if (opts.key) headers['Idempotency-Key'] = opts.key;
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.body) {
    headers['content-type'] = opts.type!;
    body = opts.body as unknown as BodyInit;
  }
  const r = await fetch(`${API}${path}`, { method, headers, body });
  const text = await r.text();
  return { status: r.status, body: text && (r.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
}

// The demo reads each answer by the fields it knows from api.md; `any` keeps that terse.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function must(r: { status: number; body: any }, ok: number, what: string) {
  if (r.status !== ok) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
  return r.body;
}

const health = await fetch(`${API}/health`).catch(() => null);
if (!health?.ok) {
  console.error(`无法连接 ${API}：请先运行 npm start。`);
  process.exit(1);
}

const cid = `demo-${today.replaceAll('-', '')}-${randomUUID().slice(0, 4)}`;
const units = demoUnits();
const name = (u: string) => units.find((x) => x.unitId === u)!.name;
console.log(`创建清理工作 ${cid}（12 个单位，3 个主管部门），报送截止：${addDays(today, 7)}`);
must(await call(OFFICE_ADMIN, 'PUT', `/campaigns/${cid}`, { json: demoCampaign(today), day: 0 }), 200, '创建清理工作');
must(
  await call(OFFICE_ADMIN, 'PUT', `/campaigns/${cid}/units`, { json: { units, members: demoMembers() }, day: 0 }),
  200,
  '导入单位和成员',
);

const LATE = 'health-h3';
const MISSING = 'agri-a3';
const BROKEN = 'edu-s3';
const XLSX = 'agri-a1';
const RETURNED = 'edu-s2';
const receipts = new Map<string, { version: number; digest: string }>();

async function signAndSeal(u: string, version: number, digest: string, day: number) {
  must(
    await call(`${u}-head`, 'POST', `/campaigns/${cid}/units/${u}/submissions/${version}/signoff`, { json: { digest }, day }),
    200,
    `${u} 签字`,
  );
  // The "scan": the server's PDF of the sign-off page, as a scanner app would send it back (its QR code matches).
  const pdf = await fetch(`${API}/campaigns/${cid}/units/${u}/submissions/${version}/signoff-sheet?format=pdf`, {
    headers: { authorization: `Bearer ${await token(`${u}-head`)}`, 'X-Dev-Now': dayAt(day) },
  });
  if (!pdf.ok) throw new Error(`${u} 签字盖章页 PDF: HTTP ${pdf.status}`);
  const scan = new Uint8Array(await pdf.arrayBuffer());
  must(
    await call(`${u}-liaison`, 'PUT', `/campaigns/${cid}/units/${u}/submissions/${version}/seal`, {
      body: scan,
      type: 'application/pdf',
      day,
    }),
    200,
    `${u} 上传盖章页`,
  );
}

let i = 0;
for (const u of units.map((x) => x.unitId)) {
  i++;
  if (u === MISSING) continue;
  const day = u === LATE ? 9 : 1 + (i % 6);
  const rows = 20 + ((i * 37) % 180);
  let res;
  if (u === BROKEN) {
    const bad = unitLedger(i, rows, name(u), dayOf(day));
    bad.roster!.rows[4].values.idNumber =
      String(bad.roster!.rows[4].values.idNumber).slice(0, 17) + (String(bad.roster!.rows[4].values.idNumber).endsWith('1') ? '2' : '1');
    bad.roster!.rows[9].values.hireDate = '2019-02-30';
    const r = await call(`${u}-liaison`, 'POST', `/campaigns/${cid}/units/${u}/submissions`, {
      json: { ledger: bad },
      day,
      key: randomUUID(),
    });
    if (r.status !== 422) throw new Error(`expected 422, got ${r.status}`);
    const errs = r.body.details.issues.filter((x: { severity: string }) => x.severity === 'error');
    console.log(
      `  ${name(u)}：报送被拒（422），${errs.length} 处错误：${errs.map((x: { cell: string; code: string }) => `${x.cell} ${x.code}`).join('，')}；改正后重新报送`,
    );
    res = await call(`${u}-liaison`, 'POST', `/campaigns/${cid}/units/${u}/submissions`, {
      json: { ledger: unitLedger(i, rows, name(u), dayOf(day)) },
      day,
      key: randomUUID(),
    });
  } else if (u === XLSX) {
    const bytes = await fillTemplate(await buildTemplateWorkbook(), rows, undefined, { filingDate: dayOf(day) });
    res = await call(`${u}-liaison`, 'POST', `/campaigns/${cid}/units/${u}/submissions`, {
      body: bytes,
      type: XLSX_CONTENT_TYPE,
      day,
      key: randomUUID(),
    });
  } else {
    const key = randomUUID();
    res = await call(`${u}-liaison`, 'POST', `/campaigns/${cid}/units/${u}/submissions`, {
      json: { ledger: unitLedger(i, rows, name(u), dayOf(day)) },
      day,
      key,
    });
    if (i === 2) {
      // A flaky network: the liaison's client retries with the same key and gets the same receipt.
      const again = await call(`${u}-liaison`, 'POST', `/campaigns/${cid}/units/${u}/submissions`, {
        json: { ledger: unitLedger(i, rows, name(u), dayOf(day)) },
        day,
        key,
      });
      console.log(
        `  ${name(u)}：重试报送（同一 Idempotency-Key）→ HTTP ${again.status}，回执号相同：${again.body.receiptNo === res.body.receiptNo}`,
      );
    }
  }
  const b = must(res, 201, `${u} 报送`);
  receipts.set(u, { version: b.version, digest: b.digest });
  console.log(
    `  ${name(u)}：第${day}天报送第 ${b.version} 版，${b.summary.rows} 人，问题发现 ${b.summary.findings} 条，回执号 ${b.receiptNo}${u === XLSX ? '（直接上传 .xlsx）' : ''}`,
  );
  await signAndSeal(u, b.version, b.digest, day);
}

console.log(`第10天：领导小组办公室审核`);
const ret = must(
  await call(OFFICE_ADMIN, 'POST', `/campaigns/${cid}/units/${RETURNED}/submissions/${receipts.get(RETURNED)!.version}/review`, {
    json: { decision: 'return', reasons: ['保洁、驾驶等岗位应通过政府购买服务解决，请核实用工形式', '部分人员审批文号缺失，请补充'] },
    day: 10,
  }),
  200,
  '退回',
);
console.log(`  退回 ${name(RETURNED)}（${ret.review.reasons.join('；')}）`);
const seen = must(await call(`${RETURNED}-liaison`, 'GET', `/campaigns/${cid}/units/${RETURNED}`, { day: 10 }), 200, '查看退回');
console.log(
  `  ${name(RETURNED)} 联络员看到：状态「${UNIT_STATUS_LABEL[seen.status as keyof typeof UNIT_STATUS_LABEL]}」，理由 ${seen.returnReasons.length} 条`,
);
const re = must(
  await call(`${RETURNED}-liaison`, 'POST', `/campaigns/${cid}/units/${RETURNED}/submissions`, {
    json: { ledger: unitLedger(2, 40, name(RETURNED), dayOf(11)) },
    day: 11,
    key: randomUUID(),
  }),
  201,
  '重新报送',
);
await signAndSeal(RETURNED, re.version, re.digest, 11);
console.log(`  ${name(RETURNED)} 第11天重新报送第 ${re.version} 版并签字盖章`);
// 主管部门负总责: a unit under a supervising department is endorsed by it before the office accepts.
const before = must(await call(OFFICE_ADMIN, 'GET', `/campaigns/${cid}/progress`, { day: 12 }), 200, '进度') as ProgressResponse;
const reviewerOf = new Map(before.units.map((u) => [u.unitId, u.reviewer?.userIds[0] ?? null]));
let accepted = 0;
let endorsed = 0;
for (const [u, r] of receipts) {
  if (u === RETURNED || u === LATE) continue;
  const supervisor = reviewerOf.get(u);
  if (supervisor) {
    must(
      await call(supervisor, 'POST', `/campaigns/${cid}/units/${u}/submissions/${r.version}/review`, {
        json: { decision: 'endorse', reasons: [] },
        day: 12,
      }),
      200,
      `${u} 主管部门审核`,
    );
    endorsed++;
  }
  must(
    await call(OFFICE_ADMIN, 'POST', `/campaigns/${cid}/units/${u}/submissions/${r.version}/review`, {
      json: { decision: 'accept', reasons: [] },
      day: 12,
    }),
    200,
    `${u} 通过`,
  );
  accepted++;
}
console.log(`第12天：主管部门审核 ${endorsed} 个单位，领导小组办公室审核通过 ${accepted} 个单位；${name(MISSING)} 逾期未报送`);

const run = await fetch(`${API.replace(/\/api$/, '')}/admin/functions/reminders`, {
  method: 'POST',
  headers: { 'X-Dev-Now': dayAt(12) },
  body: JSON.stringify({ input: '' }),
});
const rem = must(await call(OFFICE_ADMIN, 'GET', `/campaigns/${cid}/reminders`, { day: 12 }), 200, '提醒');
console.log(
  `提醒函数（HTTP ${run.status}）写入 ${rem.reminders.length} 条提醒：${rem.reminders.map((r: { unitId: string; kind: string; days: number }) => `${name(r.unitId)} ${r.kind === 'overdue' ? `逾期${r.days}天` : `${r.days}天后到期`}`).join('；')}`,
);

const p = must(await call(OFFICE_ADMIN, 'GET', `/campaigns/${cid}/progress`, { day: 12 }), 200, '进度') as ProgressResponse;
const audit = must(await call(OFFICE_ADMIN, 'GET', `/campaigns/${cid}/audit`, { day: 12 }), 200, '审计');

const width = (s: string) => [...s].reduce((a, ch) => a + (/[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
const padTo = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
const header = ['单位', '主管部门', '状态', '版本', '人数', '错误', '问题发现', '报送日期', '按时', '逾期天数'];
const table = p.units.map((u) =>
  [
    u.name,
    u.parentId ? name(u.parentId) : '—',
    UNIT_STATUS_LABEL[u.status as keyof typeof UNIT_STATUS_LABEL],
    u.version ? `v${u.version}` : '—',
    u.rows ?? '—',
    u.errors ?? '—',
    u.findings ?? '—',
    u.submittedAt ? chinaDay(u.submittedAt) : '—',
    u.onTime === null ? '—' : u.onTime ? '是' : '否',
    u.overdueDays,
  ].map(String),
);
const widths = header.map((h, c) => Math.max(width(h), ...table.map((r: string[]) => width(r[c]))));
console.log(`\n清理工作进度（截至 ${p.asOf}，共 ${p.units.length} 个单位，已报送 ${p.units.filter((u) => u.reported).length} 个）`);
console.log(header.map((h, c) => padTo(h, widths[c])).join('  '));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of table) console.log(r.map((x: string, c: number) => padTo(x, widths[c])).join('  '));
console.log(
  `\n审计记录 ${audit.entries.length} 条。可在浏览器打开签字盖章页，例如：${API}/campaigns/${cid}/units/edu/submissions/1/signoff-sheet（需令牌）`,
);
