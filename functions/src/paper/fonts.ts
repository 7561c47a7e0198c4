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
  if (!f) parsed.set(w, (f = fontkit.create(fontBytes(w)) as fontkit.Font));
  return f;
}
