// The shared-strings table (xl/sharedStrings.xml): the texts that cells of type "s" point at by index.
import { bytesOf, collectText, GT, indexOfSeq, isNameEnd, LT, matchAt, rootPrefix, SLASH } from './xml';
import { XmlFormatError } from './errors';

export function parseSharedStrings(b: Uint8Array): string[] {
  const p = rootPrefix(b);
  const SI = bytesOf(`<${p}si`);
  const SI_END = bytesOf(`</${p}si>`);
  const out: string[] = [];
  let i = 0;
  for (;;) {
    i = b.indexOf(LT, i);
    if (i < 0) break;
    if (matchAt(b, i, SI) && isNameEnd(b[i + SI.length])) {
      const gt = b.indexOf(GT, i);
      if (gt < 0) throw new XmlFormatError('sharedStrings: unterminated <si>');
      if (b[gt - 1] === SLASH) {
        out.push('');
        i = gt + 1;
        continue;
      }
      const end = indexOfSeq(b, SI_END, gt + 1);
      if (end < 0) throw new XmlFormatError('sharedStrings: unterminated <si>');
      out.push(collectText(b, gt + 1, end, p));
      i = end + SI_END.length;
    } else i++;
  }
  return out;
}
