/**
 * Files cross as bytes. IPC carries a Uint8Array as it is; JSON (browser mode) cannot, so the HTTP door wraps each
 * one as { $bytes: base64 } on the way in and out. Pure: no Buffer, no atob.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) t[ALPHABET.charCodeAt(i)] = i;
  return t;
})();

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 4096;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    let s = '';
    for (let i = start; i < end; i += 3) {
      const a = bytes[i]!;
      const b = i + 1 < end ? bytes[i + 1]! : 0;
      const c = i + 2 < end ? bytes[i + 2]! : 0;
      const n = (a << 16) | (b << 8) | c;
      s += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + (i + 1 < end ? ALPHABET[(n >> 6) & 63]! : '=') + (i + 2 < end ? ALPHABET[n & 63]! : '=');
    }
    parts.push(s);
  }
  return parts.join('');
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/[\s=]+/g, '');
  if (clean.length % 4 === 1) throw new Error('not base64');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    let n = 0;
    let k = 0;
    for (; k < 4 && i + k < clean.length; k++) {
      const code = clean.charCodeAt(i + k);
      const v = code < 128 ? LOOKUP[code]! : -1;
      if (v < 0) throw new Error('not base64');
      n = (n << 6) | v;
    }
    n <<= 6 * (4 - k);
    if (k > 1) out[o++] = (n >> 16) & 255;
    if (k > 2) out[o++] = (n >> 8) & 255;
    if (k > 3) out[o++] = n & 255;
  }
  return out;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Uint8Array → { $bytes }, everything else as it is. */
export function encodeForJson(value: unknown): Json {
  if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
  if (Array.isArray(value)) return value.map(encodeForJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeForJson(v);
    return out;
  }
  return value as Json;
}

/** { $bytes } → Uint8Array; a JSON-parsed value in, plain data out (JSON.parse never makes a live __proto__). */
export function decodeFromJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeFromJson);
  if (value !== null && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    const keys = Object.keys(rec);
    if (keys.length === 1 && keys[0] === '$bytes' && typeof rec.$bytes === 'string') return fromBase64(rec.$bytes);
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = decodeFromJson(rec[k]);
    return out;
  }
  return value;
}
