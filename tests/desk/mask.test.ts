import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskIdNumber, maskName } from '../../functions/src/domain/mask';

describe('masking for the public notice', () => {
  it('masks names keeping the surname (复姓 whole)', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('欧阳修')).toBe('欧阳*');
    expect(maskName('司马光')).toBe('司马*');
    expect(maskName('买买提·艾力')).toBe('买**·**');
    expect(maskName('王')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskName(null)).toBe('');
  });

  it('shows only the first 2 and last 3 characters of an ID', () => {
    expect(maskIdNumber('110101199003071234')).toBe('11*************234');
    expect(maskIdNumber('11010119900307123X')).toBe('11*************23X');
    expect(maskIdNumber('110101900307123')).toBe('11**********123');
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskIdNumber('')).toBe('');
  });

  it('never reveals more than the allowed characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 30, unit: 'grapheme-ascii' }), (id) => {
        const t = id.trim();
        fc.pre(Array.from(t).length >= 6);
        const m = maskIdNumber(id);
        expect(m.length).toBe(t.length);
        expect(m.slice(2, -3)).toMatch(/^\*+$/);
        expect(m.slice(0, 2)).toBe(t.slice(0, 2));
        expect(m.slice(-3)).toBe(t.slice(-3));
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 2, maxLength: 8, unit: fc.constantFrom(...'张王李欧阳司马丰娜') }), (name) => {
        const m = maskName(name);
        const visible = Array.from(m).filter((c) => c !== '*').length;
        expect(visible).toBeLessThanOrEqual(2);
        expect(Array.from(m).length).toBe(Array.from(name).length);
      }),
    );
  });
});
