/**
 * A workstation's identity as every door shows it: the person's name and the public half of an Ed25519 key pair.
 * People compare fingerprints (read aloud, printed on the result sheet), never keys.
 */
export interface IdentityView {
  readonly name: string;
  /** SHA-256 of the public key, first 16 bytes, upper-case hex in groups of 4: "3F2A 9C01 …". */
  readonly fingerprint: string;
  /** The public key, base64 of its SPKI DER form. */
  readonly publicKey: string;
  readonly createdAt: string;
  /** The private key is kept encrypted under a passphrase. */
  readonly protected: boolean;
  /** A protected key not unlocked in this session: nothing can be signed until it is. */
  readonly locked: boolean;
}

/** Names people give themselves: trimmed, not empty, short enough for a signature line. */
export function cleanIdentityName(name: string): string | null {
  const clean = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  return clean.length >= 1 && clean.length <= 80 ? clean : null;
}

/** Group a hex digest's first 16 bytes as people read them. */
export function groupFingerprint(hex: string): string {
  return (hex.slice(0, 32).toUpperCase().match(/.{4}/g) ?? []).join(' ');
}
