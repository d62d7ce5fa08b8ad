import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/signing/canonical.ts';
import { fingerprintOf, openIdentity, sha256Hex, verifySignature } from './identity.ts';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-identity-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('workstation identity', () => {
  it('is made on first run, kept across runs, and its private key is readable by its owner only', () => {
    const dir = tmp();
    const first = openIdentity(dir, { defaultName: '李华', now: () => new Date('2026-03-05T01:00:00Z') }).view();
    expect(first).toMatchObject({ name: '李华', createdAt: '2026-03-05T01:00:00.000Z', protected: false, locked: false });
    expect(first.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(openIdentity(dir, { defaultName: 'someone else' }).view()).toEqual(first);
    if (process.platform !== 'win32') {
      expect(fs.statSync(path.join(dir, 'identity', 'private-key.pem')).mode & 0o077).toBe(0);
    }
  });

  it('signs what verifies under its public key, and nothing else does', () => {
    const a = openIdentity(tmp(), { defaultName: 'A' });
    const b = openIdentity(tmp(), { defaultName: 'B' });
    const payload = canonicalJson({ sheet: 's1', seq: 2, scores: { x: 20 } });
    const sig = a.sign(payload);
    expect(verifySignature(a.view().publicKey, payload, sig)).toBe(true);
    expect(verifySignature(a.view().publicKey, payload.replace('20', '21'), sig)).toBe(false);
    expect(verifySignature(b.view().publicKey, payload, sig)).toBe(false);
    expect(verifySignature('not a key', payload, sig)).toBe(false);
    expect(fingerprintOf(a.view().publicKey)).toBe(a.view().fingerprint);
    expect(a.view().fingerprint).not.toBe(b.view().fingerprint);
  });

  it('with a passphrase, a new session cannot sign until unlocked, and a wrong passphrase says so', () => {
    const dir = tmp();
    openIdentity(dir, { defaultName: 'A' }).setPassphrase('correct horse');
    const later = openIdentity(dir);
    expect(later.view()).toMatchObject({ protected: true, locked: true });
    expect(() => later.sign('x')).toThrow(expect.objectContaining({ code: 'IDENTITY_LOCKED' }));
    expect(() => later.unlock('wrong')).toThrow(expect.objectContaining({ code: 'PASSPHRASE_WRONG' }));
    expect(later.unlock('correct horse').locked).toBe(false);
    expect(verifySignature(later.view().publicKey, 'x', later.sign('x'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'identity', 'private-key.pem'), 'utf8')).toContain('ENCRYPTED');
  });

  it('renames without changing the key, and backs up the key as stored', () => {
    const id = openIdentity(tmp(), { defaultName: 'A' });
    const fp = id.view().fingerprint;
    expect(id.rename('  张 伟 ')).toMatchObject({ name: '张 伟', fingerprint: fp });
    expect(() => id.rename('   ')).toThrow(expect.objectContaining({ code: 'FIELD_INVALID' }));
    const backup = JSON.parse(Buffer.from(id.backup()).toString('utf8')) as { publicKey: string; privateKey: string };
    expect(backup.publicKey).toBe(id.view().publicKey);
    expect(backup.privateKey).toContain('PRIVATE KEY');
  });

  it('hashes as SHA-256', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
