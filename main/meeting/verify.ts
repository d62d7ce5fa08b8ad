import { AppError } from '../../shared/contract/errors.ts';
import type { ResultSheetCheck } from '../../shared/contract/meeting.ts';
import { resultTables, RESULT_SHEET_FORMAT, type ResultPayload } from '../../shared/meeting/payload.ts';
import { canonicalJson } from '../../shared/signing/canonical.ts';
import { fingerprintOf, sha256Hex, verifySignature } from '../identity/identity.ts';
import { readWorkbook, type WorkbookData } from '../xlsx/reader.ts';
import { a1, readSeal, SEAL_SHEET, written } from './sheet.ts';

const MAX_CHANGES = 50;

const show = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/**
 * Check a result sheet: the signature over the canonical payload in its very hidden sheet, and every visible cell
 * against the sheets the payload makes (resultTables). A changed number, an added row, a sheet renamed or removed:
 * the package is invalid, and the cells are named. A payload changed without its signature: the signature is invalid.
 */
export function verifyResultSheet(bytes: Uint8Array, name: string): ResultSheetCheck {
  const check = verifyResultWorkbook(readWorkbook(bytes, name, { fillMerges: false }));
  if (!check) throw new AppError('NOT_A_RESULT_SHEET', `${name} is not a PanelDesk result sheet`, { values: { file: name } });
  return check;
}

/**
 * The same check on a workbook already read; null when it carries no result sheet's seal (so a `verify` that
 * dispatches on the file's kind, as main/scoring/verify.ts does, can try it beside the score sheet's checker).
 */
export function verifyResultWorkbook(wb: WorkbookData): ResultSheetCheck | null {
  const sealSheet = wb.sheets.find((s) => s.name === SEAL_SHEET);
  const seal = sealSheet ? readSeal(sealSheet.rows) : null;
  if (!seal || seal.format !== RESULT_SHEET_FORMAT) return null;
  const none: ResultSheetCheck = { kind: 'result-sheet', packageSignature: 'invalid', signature: 'invalid', signer: null, digest: null, campaign: null, changes: [] };
  if (!seal.complete || seal.payload === undefined) return none;
  let payload: ResultPayload;
  let canonical: string;
  try {
    payload = JSON.parse(seal.payload) as ResultPayload;
    canonical = canonicalJson(payload);
  } catch {
    return none;
  }
  const digest = sha256Hex(canonical);
  const publicKey = seal.publicKey ?? '';
  let signature: ResultSheetCheck['signature'];
  if (!seal.signature) signature = 'missing';
  else signature = canonical === seal.payload && payload.signer?.publicKey === publicKey && verifySignature(publicKey, canonical, seal.signature) ? 'valid' : 'invalid';
  const signer = publicKey ? { name: String(payload.signer?.name ?? ''), fingerprint: fingerprintOf(publicKey) } : null;

  const changes: { sheet: string; cell: string; expected: string; found: string }[] = [];
  let tables;
  try {
    tables = resultTables(payload);
  } catch {
    return { ...none, signature, signer, digest };
  }
  const visible = wb.sheets.filter((s) => s.name !== SEAL_SHEET);
  const note = (sheet: string, cell: string, expected: unknown, found: unknown) => {
    if (changes.length < MAX_CHANGES) changes.push({ sheet, cell, expected: show(expected), found: show(found) });
  };
  let differs = visible.length !== tables.length;
  for (const s of visible) if (!tables.some((t) => t.name === s.name)) note(s.name, '', '', s.name);
  for (const t of tables) {
    const s = visible.find((x) => x.name === t.name);
    if (!s) {
      differs = true;
      note(t.name, '', t.name, '');
      continue;
    }
    const rows = Math.max(t.rows.length, s.rows.length);
    for (let r = 0; r < rows; r++) {
      const want = (t.rows[r] ?? []).map(written);
      const got = (s.rows[r] ?? []).map((v) => (v === '' || v === undefined ? null : v));
      const cols = Math.max(want.length, got.length);
      for (let c = 0; c < cols; c++) {
        const a = want[c] ?? null;
        const b = got[c] ?? null;
        if (a !== b) {
          differs = true;
          note(t.name, a1(r, c), a, b);
        }
      }
    }
  }
  const packageSignature = signature === 'valid' && !differs ? 'valid' : signature === 'missing' && !differs ? 'missing' : 'invalid';
  return { kind: 'result-sheet', packageSignature, signature, signer, digest, campaign: { id: String(payload.campaign?.id ?? ''), name: String(payload.campaign?.name ?? '') }, changes };
}
