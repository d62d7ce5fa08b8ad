import type { IncomingSheet } from '../../shared/scoring/decide.ts';
import { parseAnswer, parsePackage } from '../../shared/scoring/payload.ts';
import type { SignatureState } from '../../shared/scoring/slice.ts';
import { fingerprintOf, sha256Hex, verifySignature } from '../identity/identity.ts';
import type { WorkbookData } from '../xlsx/reader.ts';
import { readMeta, readScoreSheet } from './sheet-file.ts';

/**
 * Checking a PanelDesk file's signatures. `verify FILE` dispatches on the hidden sheet's `kind`: score sheets here;
 * another kind (the meeting's result sheets) adds its checker to `verifiers`.
 */

export interface VerifyAnswer {
  readonly kind: string;
  readonly packageSignature: SignatureState;
  readonly signature: SignatureState;
  readonly signer: { readonly name: string; readonly fingerprint: string } | null;
  readonly [more: string]: unknown;
}

export type Verifier = (wb: WorkbookData, meta: ReadonlyMap<string, string>) => VerifyAnswer;

function check(key: string | undefined, text: string | undefined, sig: string | undefined): SignatureState {
  if (!sig) return 'missing';
  if (!key || text === undefined) return 'invalid';
  return verifySignature(key, text, sig) ? 'valid' : 'invalid';
}

/**
 * A score sheet read for import: both signatures checked. The package counts as valid only when signed by
 * `secretaryKey` (this workstation's): a package re-signed by anyone else is a package changed.
 */
export function incomingSheet(wb: WorkbookData, file: string, bytes: Uint8Array, secretaryKey: string | null): IncomingSheet {
  const read = readScoreSheet(wb);
  const m = read.meta;
  const pkgText = m.get('package');
  const pkg = m.get('kind') === 'score-sheet' && pkgText ? parsePackage(pkgText) : null;
  let packageSignature = check(m.get('secretaryKey'), pkgText, m.get('packageSignature'));
  if (packageSignature === 'valid' && secretaryKey !== null && m.get('secretaryKey') !== secretaryKey) packageSignature = 'invalid';
  const answerText = m.get('answer');
  const expertKey = m.get('expertKey');
  let answerSignature: SignatureState = answerText || m.get('answerSignature') ? check(expertKey, answerText, m.get('answerSignature')) : 'missing';
  const answer = answerText ? parseAnswer(answerText) : null;
  if (answerSignature === 'valid' && !answer) answerSignature = 'invalid';
  const seq = Number(m.get('seq'));
  return {
    file,
    digest: sha256Hex(bytes),
    pkg,
    packageSignature,
    answer: answerSignature === 'valid' ? answer : null,
    answerSignature,
    signer: answerSignature === 'valid' && expertKey ? { publicKey: expertKey, fingerprint: fingerprintOf(expertKey) } : null,
    metaSeq: Number.isInteger(seq) && seq >= 0 ? seq : 0,
    rows: read.rows,
    columns: read.columns ?? { no: 'A', criteria: {}, comment: 'A', recused: 'A' },
  };
}

const scoreSheet: Verifier = (wb, meta) => {
  const pkgText = meta.get('package');
  const pkg = pkgText ? parsePackage(pkgText) : null;
  const packageSignature = pkg ? check(meta.get('secretaryKey'), pkgText, meta.get('packageSignature')) : 'invalid';
  const answerText = meta.get('answer');
  const expertKey = meta.get('expertKey');
  const signature = answerText || meta.get('answerSignature') ? check(expertKey, answerText, meta.get('answerSignature')) : 'missing';
  const secretaryKey = meta.get('secretaryKey');
  const read = readScoreSheet(wb);
  return {
    kind: 'score-sheet',
    packageSignature,
    signature,
    signer: signature === 'valid' && expertKey && pkg ? { name: pkg.expertName, fingerprint: fingerprintOf(expertKey) } : null,
    secretary: secretaryKey ? { name: meta.get('secretaryName') ?? '', fingerprint: fingerprintOf(secretaryKey) } : null,
    campaign: pkg ? { id: pkg.campaignId, name: pkg.campaignName } : null,
    expert: pkg ? { code: pkg.expertCode, name: pkg.expertName } : null,
    sheetId: pkg?.sheetId ?? null,
    seq: Number(meta.get('seq')) || 0,
    rows: read.rows.length,
  };
};

export const verifiers: Record<string, Verifier> = { 'score-sheet': scoreSheet };

/** The file's kind, from its hidden sheet, and its checker's answer; null when it is no PanelDesk file. */
export function verifyWorkbook(wb: WorkbookData): VerifyAnswer | null {
  const meta = readMeta(wb);
  const kind = meta.get('kind');
  if (!kind || !Object.prototype.hasOwnProperty.call(verifiers, kind)) return null;
  return verifiers[kind]!(wb, meta);
}
