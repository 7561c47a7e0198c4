// manifest.xml: parsed as XML and read with office-addin-manifest; ids, host, permissions, URLs on
// the dev origin, icons that exist as real PNGs of the stated size, the SSO section.
import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { OfficeAddinManifest } from 'office-addin-manifest';

const ROOT = process.cwd();
const xml = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
const app = doc.OfficeApp;
const ORIGIN = 'https://localhost:3000';

/** Every DefaultValue attribute anywhere in the manifest. */
function defaultValues(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => defaultValues(n, out));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === '@DefaultValue' && typeof v === 'string') out.push(v);
      else defaultValues(v, out);
    }
  return out;
}

describe('manifest.xml', () => {
  it('is a task-pane add-in for Excel workbooks with a GUID id, zh-CN, read/write document', () => {
    expect(app['@xsi:type']).toBe('TaskPaneApp');
    expect(app.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(app.Version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(app.DefaultLocale).toBe('zh-CN');
    expect(app.Hosts.Host['@Name']).toBe('Workbook');
    expect(app.Permissions).toBe('ReadWriteDocument');
    expect(app.Requirements.Sets.Set['@Name']).toBe('ExcelApi');
    // Low on purpose: the pane itself tells Excel 2016 that live checking needs a newer Excel.
    expect(app.Requirements.Sets.Set['@MinVersion']).toBe('1.1');
    expect(app.DefaultSettings.SourceLocation['@DefaultValue']).toBe(`${ORIGIN}/index.html`);
  });

  it('puts a button on the Home tab that opens the task pane', () => {
    const host = app.VersionOverrides.Hosts.Host;
    expect(host['@xsi:type']).toBe('Workbook');
    const tab = host.DesktopFormFactor.ExtensionPoint.OfficeTab;
    expect(tab['@id']).toBe('TabHome');
    const control = tab.Group.Control;
    expect(control['@xsi:type']).toBe('Button');
    expect(control.Action['@xsi:type']).toBe('ShowTaskpane');
    const urls = app.VersionOverrides.Resources['bt:Urls']['bt:Url'] as { '@id': string; '@DefaultValue': string }[];
    expect(urls.find((u) => u['@id'] === control.Action.SourceLocation['@resid'])?.['@DefaultValue']).toBe(`${ORIGIN}/index.html`);
    const strings = app.VersionOverrides.Resources['bt:ShortStrings']['bt:String'] as { '@id': string; '@DefaultValue': string }[];
    expect(strings.find((s) => s['@id'] === control.Label['@resid'])?.['@DefaultValue']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('serves every URL from the https dev origin (or the Microsoft sign-in page)', () => {
    const urls = defaultValues(app).filter((v) => /^https?:/.test(v));
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u.startsWith(`${ORIGIN}/`)).toBe(true);
  });

  it('points at icons that exist as PNGs of the stated size', () => {
    const images = app.VersionOverrides.Resources['bt:Images']['bt:Image'] as { '@id': string; '@DefaultValue': string }[];
    const all = [app.IconUrl['@DefaultValue'], app.HighResolutionIconUrl['@DefaultValue'], ...images.map((i) => i['@DefaultValue'])];
    for (const url of all) {
      const m = /\/assets\/icon-(\d+)\.png$/.exec(url);
      expect(m, url).not.toBeNull();
      const file = join(ROOT, 'addin', 'assets', `icon-${m![1]}.png`);
      expect(existsSync(file), file).toBe(true);
      const png = readFileSync(file);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.readUInt32BE(16)).toBe(Number(m![1]));
      expect(png.readUInt32BE(20)).toBe(Number(m![1]));
    }
  });

  it('has the SSO WebApplicationInfo section with documented placeholders', () => {
    const info = app.VersionOverrides.WebApplicationInfo;
    expect(info.Id).toMatch(/^[0-9a-f-]{36}$/);
    expect(info.Resource).toMatch(/^api:\/\/localhost:3000\//);
    expect(xml).toMatch(/Application \(client\) ID/);
  });

  it('reads cleanly with office-addin-manifest', async () => {
    const info = await OfficeAddinManifest.readManifestFile(join(ROOT, 'manifest.xml'));
    expect(info.id).toBe(app.Id);
    expect(info.displayName).toBe('台账通');
    expect(info.hosts).toEqual(['Workbook']);
  });
});
