// The one markup escaper: every character HTML or XML gives meaning to, and nothing else.
import { describe, expect, it } from 'vitest';
import { escapeMarkup } from '../../shared/markup';

describe('escapeMarkup', () => {
  it('escapes & < > " \' and leaves other text, Chinese included, alone', () => {
    expect(escapeMarkup(`<a href="x">'张三' & 李四</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;张三&#39; &amp; 李四&lt;/a&gt;');
    expect(escapeMarkup('&amp;')).toBe('&amp;amp;');
    expect(escapeMarkup('台账通 v1')).toBe('台账通 v1');
  });
  it('writes null and undefined as empty text and other values as their string', () => {
    expect(escapeMarkup(null)).toBe('');
    expect(escapeMarkup(undefined)).toBe('');
    expect(escapeMarkup(42)).toBe('42');
  });
});
