// npm run build:wps -- --base-url https://intranet.example.gov.cn/taizhang/ [--campaign ID] [--out dist-wps]
// Builds the pane and packages the WPS 表格 add-in for the two intranet install routes, in the layout
// `wpsjs publish` uses:
//   dist-wps/site/            deploy at --base-url: the pane (wps.html and the rest of the build) and,
//                             in site/wps/, the add-in root WPS loads (ribbon.xml, index.html, main.js,
//                             manifest.xml, images/) — plus site/jsplugins.xml
//   dist-wps/publish/publish.html   the install page users open (route 1)
//   dist-wps/jsplugins/       jsplugins.xml and oem.ini.example for centrally managed WPS (route 2)
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeMarkup } from '../shared/markup';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WPS = join(ROOT, 'wps');
/** The add-in's name in WPS (publish.xml, jsplugins.xml); letters only, as WPS expects. */
export const ADDIN_NAME = 'taizhang';
const ADDIN_FILES = ['ribbon.xml', 'index.html', 'manifest.xml', 'images'];

export interface WpsPackageOptions {
  /** Where site/ will be served, ending in '/': https://host/path/. */
  baseUrl: string;
  outDir: string;
  version: string;
  /** Campaign the pane opens (?campaign=); omitted: the build's default. */
  campaign?: string;
}

export interface WpsPackage {
  addinUrl: string;
  paneUrl: string;
  files: string[];
}

/** Checks and normalises the base URL: absolute http(s), ending in '/'. */
export function normaliseBaseUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`--base-url 不是有效的网址：${raw}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`--base-url 必须是 http(s) 网址：${raw}`);
  if (u.search || u.hash) throw new Error(`--base-url 不能带查询参数或 #：${raw}`);
  return u.href.endsWith('/') ? u.href : `${u.href}/`;
}

/** Writes the add-in root, publish.html and jsplugins.xml into `outDir` (the pane build goes to outDir/site). */
export function packageWps(o: WpsPackageOptions): WpsPackage {
  const base = normaliseBaseUrl(o.baseUrl);
  const addinUrl = `${base}wps/`;
  const paneUrl = `${base}wps.html${o.campaign ? `?campaign=${encodeURIComponent(o.campaign)}` : ''}`;
  const site = join(o.outDir, 'site');
  const addin = join(site, 'wps');
  mkdirSync(addin, { recursive: true });
  for (const f of ADDIN_FILES) cpSync(join(WPS, f), join(addin, f), { recursive: true });
  const main = readFileSync(join(WPS, 'main.js'), 'utf8');
  if (!main.includes('"__TAIZHANG_PANE_URL__"')) throw new Error('wps/main.js: pane URL placeholder missing');
  writeFileSync(join(addin, 'main.js'), main.replace('"__TAIZHANG_PANE_URL__"', JSON.stringify(paneUrl)));

  const addon = { name: ADDIN_NAME, addonType: 'et', online: 'true', url: addinUrl, version: o.version };
  const publishDir = join(o.outDir, 'publish');
  mkdirSync(publishDir, { recursive: true });
  const template = readFileSync(join(WPS, 'publish.template.html'), 'utf8');
  // JSON inside a <script>: '<' escaped so no value can close the element.
  writeFileSync(join(publishDir, 'publish.html'), template.replace('__ADDON_JSON__', JSON.stringify(addon).replace(/</g, '\\u003c')));

  const jsplugins = `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <jspluginonline name="${ADDIN_NAME}" type="et" url="${escapeMarkup(addinUrl)}"/>\n</jsplugins>\n`;
  const jsDir = join(o.outDir, 'jsplugins');
  mkdirSync(jsDir, { recursive: true });
  writeFileSync(join(jsDir, 'jsplugins.xml'), jsplugins);
  writeFileSync(join(site, 'jsplugins.xml'), jsplugins);
  writeFileSync(
    join(jsDir, 'oem.ini.example'),
    `; Merge into WPS's oem.ini on managed PCs (see README, "WPS 加载项").\n[Support]\nJsApiPlugin=true\n\n[Server]\nJSPluginsServer=${base}jsplugins.xml\n`,
  );
  return {
    addinUrl,
    paneUrl,
    files: [
      ...ADDIN_FILES.map((f) => `site/wps/${f}`),
      'site/wps/main.js',
      'site/jsplugins.xml',
      'publish/publish.html',
      'jsplugins/jsplugins.xml',
      'jsplugins/oem.ini.example',
    ],
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const baseUrl = arg('base-url') ?? process.env.TAIZHANG_WPS_BASE_URL ?? 'https://localhost:3000/';
  const outDir = join(ROOT, arg('out') ?? 'dist-wps');
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const base = normaliseBaseUrl(baseUrl);
  if (existsSync(outDir)) rmSync(outDir, { recursive: true });
  const { build } = await import('vite');
  await build({
    configFile: join(ROOT, 'addin', 'vite.config.ts'),
    logLevel: 'warn',
    base: new URL(base).pathname,
    build: { outDir: join(outDir, 'site'), emptyOutDir: true },
  });
  const pkg = packageWps({ baseUrl: base, outDir, version, campaign: arg('campaign') });
  console.log(`WPS 加载项已生成：${outDir}`);
  console.log(`  1. 把 site/ 部署到 ${base}（加载项目录 ${pkg.addinUrl}，任务窗格 ${pkg.paneUrl}）`);
  console.log(`     检查：浏览器打开 ${pkg.addinUrl}ribbon.xml 应看到以 <customUI 开头的文本`);
  console.log('  2. 个人安装：把 publish/publish.html 发布到内网，让联络员用浏览器打开并点“安装”');
  console.log(`  3. 统一部署：jsplugins/jsplugins.xml 已同时放在 ${base}jsplugins.xml，按 jsplugins/oem.ini.example 配置 oem.ini`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
