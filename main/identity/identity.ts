import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors.ts';
import { cleanIdentityName, groupFingerprint, type IdentityView } from '../../shared/signing/identity.ts';
import { fsyncDir, mkdirDurable } from '../store/fsx.ts';

export type { IdentityView };

/**
 * This workstation's identity: a person's name and an Ed25519 key pair, made on first run in `<data>/identity/`. The
 * private key is a PKCS#8 file readable only by its owner (mode 0600), encrypted when a passphrase is set; the rest
 * (name, public key, creation time) is a small JSON file beside it. Both are written atomically and durably.
 */
export interface Identity {
  view(): IdentityView;
  rename(name: string): IdentityView;
  /** Base64 Ed25519 signature over the UTF-8 bytes of `payload` (use canonicalJson for structured payloads). */
  sign(payload: string): string;
  /** Open a passphrase-protected key for this session. */
  unlock(passphrase: string): IdentityView;
  /** Protect the key with a passphrase, change it, or (empty) remove it; a protected key must be unlocked first. */
  setPassphrase(passphrase: string): IdentityView;
  /** A file to keep elsewhere: the identity and the private key as stored (encrypted when protected). */
  backup(): Uint8Array;
}

interface Meta {
  readonly version: 1;
  readonly name: string;
  readonly publicKey: string;
  readonly createdAt: string;
  readonly protected: boolean;
}

const META = 'identity.json';
const KEY = 'private-key.pem';

export function sha256Hex(bytes: Uint8Array | string): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export function fingerprintOf(publicKey: string): string {
  return groupFingerprint(sha256Hex(Buffer.from(publicKey, 'base64')));
}

export function verifySignature(publicKey: string, payload: string, signature: string): boolean {
  try {
    const key = crypto.createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return crypto.verify(null, Buffer.from(payload, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

function writeDurably(file: string, text: string, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

function defaultPersonName(): string {
  try {
    return cleanIdentityName(process.env.PANELDESK_NAME ?? '') ?? cleanIdentityName(os.userInfo().username) ?? 'PanelDesk';
  } catch {
    return 'PanelDesk';
  }
}

export function openIdentity(dataDir: string, opts: { defaultName?: string; now?: () => Date } = {}): Identity {
  const dir = path.join(dataDir, 'identity');
  const metaFile = path.join(dir, META);
  const keyFile = path.join(dir, KEY);
  let meta: Meta;
  let unlocked: crypto.KeyObject | null = null;

  if (fs.existsSync(metaFile) && fs.existsSync(keyFile)) {
    meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Meta;
  } else {
    mkdirDurable(dir);
    const pair = crypto.generateKeyPairSync('ed25519');
    const publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    writeDurably(keyFile, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 0o600);
    meta = { version: 1, name: cleanIdentityName(opts.defaultName ?? '') ?? defaultPersonName(), publicKey, createdAt: (opts.now?.() ?? new Date()).toISOString(), protected: false };
    writeDurably(metaFile, JSON.stringify(meta, null, 2), 0o644);
    unlocked = pair.privateKey;
  }

  const view = (): IdentityView => ({
    name: meta.name,
    fingerprint: fingerprintOf(meta.publicKey),
    publicKey: meta.publicKey,
    createdAt: meta.createdAt,
    protected: meta.protected,
    locked: meta.protected && !unlocked,
  });

  const open = (passphrase?: string): crypto.KeyObject => {
    try {
      return crypto.createPrivateKey({ key: fs.readFileSync(keyFile, 'utf8'), format: 'pem', ...(passphrase !== undefined ? { passphrase } : {}) });
    } catch {
      throw new AppError('PASSPHRASE_WRONG', 'the passphrase does not open this workstation\'s key');
    }
  };

  const key = (): crypto.KeyObject => {
    if (unlocked) return unlocked;
    if (meta.protected) throw new AppError('IDENTITY_LOCKED', 'this workstation\'s key is protected: unlock it with its passphrase first');
    unlocked = open();
    return unlocked;
  };

  const saveMeta = (next: Meta) => {
    writeDurably(metaFile, JSON.stringify(next, null, 2), 0o644);
    meta = next;
  };

  return {
    view,
    rename(name) {
      const clean = cleanIdentityName(name);
      if (!clean) throw new AppError('FIELD_INVALID', 'a name of 1 to 80 characters', { values: { field: 'name' } });
      saveMeta({ ...meta, name: clean });
      return view();
    },
    sign(payload) {
      return crypto.sign(null, Buffer.from(payload, 'utf8'), key()).toString('base64');
    },
    unlock(passphrase) {
      const k = open(passphrase);
      const pub = crypto.createPublicKey(k).export({ format: 'der', type: 'spki' }).toString('base64');
      if (pub !== meta.publicKey) throw new AppError('PASSPHRASE_WRONG', 'the key file does not match this identity');
      unlocked = k;
      return view();
    },
    setPassphrase(passphrase) {
      const k = key();
      const pem = passphrase === ''
        ? (k.export({ format: 'pem', type: 'pkcs8' }) as string)
        : (k.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase }) as string);
      writeDurably(keyFile, pem, 0o600);
      saveMeta({ ...meta, protected: passphrase !== '' });
      return view();
    },
    backup() {
      const text = JSON.stringify({ format: 'paneldesk-identity', ...meta, privateKey: fs.readFileSync(keyFile, 'utf8') }, null, 2);
      return new Uint8Array(Buffer.from(text, 'utf8'));
    },
  };
}
