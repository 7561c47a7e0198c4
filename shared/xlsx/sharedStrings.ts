// The shared-strings table (xl/sharedStrings.xml): the texts that cells of type "s" point at by index.
import { bytesOf, collectText, GT, indexOfSeq, isNameEnd, LT, matchAt, rootPrefix, SLASH, textDecoder } from './xml';
import { XmlFormatError } from './errors';
import { checkedText, LimitExceededError, MAX_SHARED_STRINGS, MAX_STRING_XML_BYTES } from './limits';

const tooMany = () => new LimitExceededError(`more than ${MAX_SHARED_STRINGS} shared strings`);

export function parseSharedStrings(b: Uint8Array): string[] {
  const p = rootPrefix(b);
  const SI = bytesOf(`<${p}si`);
  const SI_END = bytesOf(`</${p}si>`);
  // The declared count is a hint we may trust to refuse early, never to allocate.
  const head = /uniqueCount\s*=\s*["'](\d+)["']/.exec(textDecoder.decode(b.subarray(0, 1024)));
  if (head && Number(head[1]) > MAX_SHARED_STRINGS) throw tooMany();
  const out: string[] = [];
  let i = 0;
  for (;;) {
    i = b.indexOf(LT, i);
    if (i < 0) break;
    if (matchAt(b, i, SI) && isNameEnd(b[i + SI.length])) {
      const gt = b.indexOf(GT, i);
      if (gt < 0) throw new XmlFormatError('sharedStrings: unterminated <si>');
      if (out.length >= MAX_SHARED_STRINGS) throw tooMany();
      if (b[gt - 1] === SLASH) {
        out.push('');
        i = gt + 1;
        continue;
      }
      const end = indexOfSeq(b, SI_END, gt + 1);
      if (end < 0) throw new XmlFormatError('sharedStrings: unterminated <si>');
      if (end - gt > MAX_STRING_XML_BYTES) throw new LimitExceededError(`a shared string of ${end - gt} bytes`);
      out.push(checkedText(collectText(b, gt + 1, end, p)));
      i = end + SI_END.length;
    } else i++;
  }
  return out;
}
