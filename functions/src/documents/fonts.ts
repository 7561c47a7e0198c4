// The Chinese font we ship (Noto Sans SC, SIL OFL, from the npm package @expo-google-fonts/noto-sans-sc):
// the PDF embeds a subset of it, and the HTML page loads it from GET /fonts/{file}, so no page depends on
// the fonts of the machine that prints it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

const FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
export type FontWeight = keyof typeof FILES;

/** File names under GET /fonts/{file}. */
export const FONT_ROUTE_FILES: Record<FontWeight, string> = { regular: 'NotoSansSC-Regular.ttf', bold: 'NotoSansSC-Bold.ttf' };

const bytes = new Map<FontWeight, Buffer>();
export function fontBytes(w: FontWeight): Buffer {
  let b = bytes.get(w);
  if (!b) bytes.set(w, (b = readFileSync(require.resolve(FILES[w]))));
  return b;
}

export function fontWeightOfFile(file: string): FontWeight | null {
  return (Object.keys(FONT_ROUTE_FILES) as FontWeight[]).find((w) => FONT_ROUTE_FILES[w] === file) ?? null;
}

// Parsed once per process: pdfkit takes a fontkit font object as is and subsets it per document.
const parsed = new Map<FontWeight, fontkit.Font>();
export function fontkitFont(w: FontWeight): fontkit.Font {
  let f = parsed.get(w);
  if (!f) parsed.set(w, (f = memoisedLayout(fontkit.create(fontBytes(w)) as fontkit.Font)));
  return f;
}

type Position = Record<string, number> & { xAdvance: number };
const LAYOUT_CACHE_MAX = 4096;

/**
 * The font with fontkit's text shaping memoised across documents: pdfkit's own layout cache lives and
 * dies with one document, yet every sign-off page repeats the same labels, rule titles and declaration,
 * and shaping CJK text is a third of a page's cost. pdfkit scales the positions it gets in place, so
 * each call gets fresh copies; the glyph objects are the font's own and are shared.
 */
function memoisedLayout(font: fontkit.Font): fontkit.Font {
  const cache = new Map<string, { glyphs: fontkit.Glyph[]; positions: Position[] }>();
  const layout = (text: string, features?: unknown) => {
    if (features !== undefined) return font.layout(text, features as never);
    let run = cache.get(text);
    if (!run) {
      const r = font.layout(text);
      run = { glyphs: r.glyphs, positions: r.positions.map((p) => ({ ...p }) as unknown as Position) };
      if (cache.size >= LAYOUT_CACHE_MAX) cache.clear();
      cache.set(text, run);
    }
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        let w = 0;
        for (const p of positions) w += p.xAdvance;
        return w;
      },
    };
  };
  // Subsetting decodes each glyph's outline again for every document only to see whether it is
  // composite; the glyph objects are the font's own (cached by id), so decode each once.
  const decoded = new WeakSet<object>();
  const getGlyph = (id: number, codePoints?: number[]) => {
    const g = font.getGlyph(id, codePoints) as unknown as { _decode: () => unknown };
    if (g && !decoded.has(g)) {
      decoded.add(g);
      const decode = g._decode.bind(g);
      let value: unknown;
      let done = false;
      g._decode = () => (done ? value : ((done = true), (value = decode())));
    }
    return g;
  };
  const own: Record<PropertyKey, unknown> = { layout, getGlyph };
  return new Proxy(font, { get: (target, key) => (key in own ? own[key] : Reflect.get(target, key, target)) });
}
