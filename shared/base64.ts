// Base64 of bytes and back, in the browser and in Node (btoa/atob exist in both): Office's
// insertWorksheetsFromBase64 takes workbooks as base64 text.

/** Base64 of bytes, in slices (String.fromCharCode on 24 MB at once would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Bytes of base64 text (atob throws on text that is not base64). */
export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
