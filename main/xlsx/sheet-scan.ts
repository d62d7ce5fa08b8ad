/**
 * Counting a worksheet's rows and cells before SheetJS parses it: a pass over its XML (as the zip guard inflates
 * it) that looks only at tags, so a sheet past the per-sheet caps is refused in a fraction of the time and memory
 * a full parse would take (an 800,000 × 12 sheet: seconds and gigabytes).
 */

export interface SheetCount {
  /** The Excel row number of the last row with a value (0 for none). */
  readonly lastRow: number;
  /** Cells with a value (<v> or an inline string). */
  readonly cells: number;
}

const LT = 0x3c;

/** The row number in a <row …> tag starting at `at` (its r="…"), or null. */
function rowNumber(buf: Uint8Array, at: number): number | null {
  for (let i = at + 4; i < buf.length && buf[i] !== 0x3e /* > */; i++) {
    // ' r="'
    if (buf[i] === 0x20 && buf[i + 1] === 0x72 && buf[i + 2] === 0x3d && buf[i + 3] === 0x22) {
      let n = 0;
      for (let j = i + 4; j < buf.length; j++) {
        const d = buf[j]! - 0x30;
        if (d < 0 || d > 9) break;
        n = n * 10 + d;
      }
      return n > 0 ? n : null;
    }
  }
  return null;
}

/**
 * One pass over a worksheet part's XML (SpreadsheetML as Excel, WPS and LibreOffice write it), byte by byte: each
 * '<' is looked at for <row, <v> (a value, a formula's too) and <is> (an inline string).
 */
export function countSheetXml(buf: Uint8Array): SheetCount {
  let cells = 0;
  let lastRow = 0;
  let row = 0;
  const n = buf.length;
  for (let i = 0; i < n; i++) {
    if (buf[i] !== LT) continue;
    const a = buf[i + 1];
    if (a === 0x76 /* v */ && buf[i + 2] === 0x3e) {
      cells++;
      if (row > lastRow) lastRow = row;
    } else if (a === 0x69 /* i */ && buf[i + 2] === 0x73 /* s */ && buf[i + 3] === 0x3e) {
      cells++;
      if (row > lastRow) lastRow = row;
    } else if (a === 0x72 /* r */ && buf[i + 2] === 0x6f /* o */ && buf[i + 3] === 0x77 /* w */ && (buf[i + 4] === 0x20 || buf[i + 4] === 0x3e)) {
      row = rowNumber(buf, i) ?? row + 1;
    }
  }
  return { lastRow, cells };
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]!) : null;
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'amp') return '&';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

export interface SheetPart {
  /** The sheet's position in the workbook (SheetJS's SheetNames index). */
  readonly index: number;
  readonly name: string;
  readonly hidden: boolean;
  /** Its part in the zip, e.g. xl/worksheets/sheet1.xml (null when the relationships do not say). */
  readonly part: string | null;
}

/** The workbook's sheets in order, with their parts: from xl/workbook.xml and xl/_rels/workbook.xml.rels. */
export function sheetParts(workbookXml: string, relsXml: string): SheetPart[] {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out: SheetPart[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const rid = attr(m[0], 'r:id') ?? attr(m[0], '\\w+:id');
    const state = attr(m[0], 'state');
    out.push({ index: out.length, name: attr(m[0], 'name') ?? '', hidden: state === 'hidden' || state === 'veryHidden', part: rid ? (targets.get(rid) ?? null) : null });
  }
  return out;
}
