// The annotated copy's package layer: parts written more than once are stored once, as UTF-8 made by
// utf8() (encodeInto, faster than TextEncoder.encode in Chromium), byte for byte what TextEncoder makes.
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { Package, utf8 } from '../../shared/xlsx/annotate/package';

describe('utf8', () => {
  const enc = new TextEncoder();
  it.each([
    ['empty', ''],
    ['ASCII', '<row r="1"><c r="A1" s="3"><v>42</v></c></row>'],
    ['Chinese', '编外人员台账：身份证号码校验位错误'],
    ['ASCII then Chinese late', `${'<c r="A1"/>'.repeat(5000)}备注`],
    ['astral characters (surrogate pairs)', 'a𠀋b😀c𪚥'],
    ['a lone surrogate (replaced as TextEncoder does)', 'x\ud800y'],
  ])('%s', (_, s) => {
    expect(utf8(s)).toEqual(enc.encode(s));
  });
});

describe('Package', () => {
  it('stores the last text written to a part, new parts after the old ones, other parts as they were', () => {
    const input = zipSync({ 'a.xml': strToU8('<a/>'), 'b.xml': strToU8('<b>乙</b>') });
    const pkg = new Package(input);
    pkg.write('a.xml', '<a>1</a>');
    pkg.write('A.xml', '<a>甲</a>'); // OPC names are case-insensitive: the same part
    pkg.write('c.xml', '<c/>');
    pkg.write('c.xml', '<c>丙</c>');
    expect(pkg.read('a.xml')).toBe('<a>甲</a>');
    const out = unzipSync(pkg.toBytes());
    expect(Object.keys(out)).toEqual(['a.xml', 'b.xml', 'c.xml']);
    expect(strFromU8(out['a.xml'])).toBe('<a>甲</a>');
    expect(strFromU8(out['b.xml'])).toBe('<b>乙</b>');
    expect(strFromU8(out['c.xml'])).toBe('<c>丙</c>');
  });
});
