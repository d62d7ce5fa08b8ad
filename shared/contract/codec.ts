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

/** The 4,096 two-character groups, by the 12 bits they encode: two look-ups per three bytes. */
const PAIRS = (() => {
  const p: string[] = [];
  for (let i = 0; i < 4096; i++) p.push(ALPHABET[i >> 6]! + ALPHABET[i & 63]!);
  return p;
})();

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 4096;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    const whole = end - ((end - start) % 3);
    const quads: string[] = [];
    for (let i = start; i < whole; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      quads.push(PAIRS[n >> 12]! + PAIRS[n & 4095]!);
    }
    if (whole < end) {
      // The last one or two bytes, padded with '='.
      const a = bytes[whole]!;
      const b = whole + 1 < end ? bytes[whole + 1]! : 0;
      const n = (a << 16) | (b << 8);
      quads.push(ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + (whole + 1 < end ? ALPHABET[(n >> 6) & 63]! : '=') + '=');
    }
    parts.push(quads.join(''));
  }
  return parts.join('');
}

/**
 * toBase64 a slice at a time (sliceBytes, rounded down to whole groups of three): joined, the same text. The caller
 * can yield between slices, so a large file does not hold its thread for the whole encoding.
 */
export function* base64Slices(bytes: Uint8Array, sliceBytes = 3 * 65536): Generator<string> {
  const step = Math.max(3, sliceBytes - (sliceBytes % 3));
  for (let start = 0; start < bytes.length; start += step) yield toBase64(bytes.subarray(start, Math.min(start + step, bytes.length)));
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

/**
 * { $bytes } → Uint8Array; a JSON-parsed value in, plain data out. JSON.parse keeps `"__proto__"` as an own key, but
 * copying it with `out[k] = v` would make it the copy's live prototype (its keys then read as the object's own), so
 * that key is dropped (Object.prototype has no other setter; `constructor` and the like stay plain own keys).
 */
export function decodeFromJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeFromJson);
  if (value !== null && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    const keys = Object.keys(rec);
    if (keys.length === 1 && keys[0] === '$bytes' && typeof rec.$bytes === 'string') return fromBase64(rec.$bytes);
    const out: Record<string, unknown> = {};
    for (const k of keys) if (k !== '__proto__') out[k] = decodeFromJson(rec[k]);
    return out;
  }
  return value;
}
