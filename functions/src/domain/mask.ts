// Masking of personal data for the public notice (公示). Pure.

/** Two-character surnames (复姓) kept whole when masking, so 欧阳娜娜 → 欧阳**. */
const COMPOUND_SURNAMES = new Set(
  (
    '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫 西门 百里 呼延 澹台 ' +
    '公冶 宗政 濮阳 淳于 单于 太叔 申屠 仲孙 钟离 闻人 万俟 赫连 左丘 东郭 拓跋 第五 梁丘 闾丘 鲜于 司空 亓官 ' +
    '司寇 子车 颛孙 巫马 公西 漆雕 乐正 壤驷 公良 谷梁 宰父 段干 东门 羊舌 微生 公羊 叱干 呼衍 完颜 纳兰'
  ).split(' '),
);

const SEPARATORS = /[·•・.\s]/;

/**
 * 张三 → 张*, 张三丰 → 张**, 欧阳娜娜 → 欧阳**, 买买提·艾力 → 买**·**: the surname stays, every other
 * character becomes *, separators are kept. Empty → ''.
 */
export function maskName(name: string | null | undefined): string {
  const chars = Array.from((name ?? '').trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars[0] + chars[1]) ? 2 : 1;
  return chars.map((c, i) => (i < keep || SEPARATORS.test(c) ? c : '*')).join('');
}

/** First 2 and last 3 characters visible: 110101199001011234 → 11*************234. Too short to show any → all *. */
export function maskIdNumber(id: string | null | undefined): string {
  const chars = Array.from((id ?? '').trim());
  if (chars.length === 0) return '';
  if (chars.length <= 5) return '*'.repeat(chars.length);
  return chars.slice(0, 2).join('') + '*'.repeat(chars.length - 5) + chars.slice(-3).join('');
}
