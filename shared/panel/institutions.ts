import { INSTITUTIONS, type InstitutionEntry } from '../campaign/institutions-data.ts';

/**
 * Recognising one institution under its many names: 清华大学, Tsinghua University, THU, 清华大学计算机科学与技术系
 * are all 清华大学. A name is resolved to an entry of the alias table (departments and addresses around it do not
 * matter); names the table does not know are reduced to their institution by their shape (…大学, …研究所, the segment
 * of an English address that names a university). Two names are then the same, different, or uncertain ("please
 * confirm": similar names the table cannot tell apart, a CAS institute and the academy itself), each with its reason.
 */

export type { InstitutionEntry };
export { INSTITUTIONS };

export type MatchResult = 'same' | 'different' | 'uncertain';

export type MatchReasonCode =
  /** Both names are known to the table as this institution. values: institution. */
  | 'KNOWN_SAME'
  /** Both names are known to the table as different institutions. values: a, b. */
  | 'KNOWN_DIFFERENT'
  /** One is part of the other (an institute and its academy). values: parent, child. */
  | 'PARENT_CHILD'
  /** Both are under one academy, as units the table does not know: maybe the same. values: parent, a, b. */
  | 'SAME_PARENT'
  /** The names, reduced to their institution, are written the same. values: institution. */
  | 'SAME_TEXT'
  /** Names the table does not know apart look alike. values: a, b, why ('prefix' | 'spelling'), length. */
  | 'SIMILAR_NAME'
  /** Nothing in common. values: a, b. */
  | 'UNRELATED'
  /** One of the names is empty. */
  | 'MISSING';

export interface InstitutionMatch {
  readonly result: MatchResult;
  readonly reason: { readonly code: MatchReasonCode; readonly values: Readonly<Record<string, string | number>> };
}

export interface Resolved {
  /** The table's entry, or null for a name the table does not know. */
  readonly entry: InstitutionEntry | null;
  /** Under an umbrella academy: the unit named besides it (normalised), '' when none. */
  readonly sub: string;
  /** The institution in comparable form: 'id:thu', 'id:cas/某某研究所', or the reduced normalised text. */
  readonly key: string;
  /** How to show it: the entry's Chinese name, or the reduced text as written. */
  readonly label: string;
}

const STOPWORDS = new Set(['of', 'the', 'and', 'at', 'for', 'in', 'on']);
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  univ: 'university', inst: 'institute', acad: 'academy', sci: 'science', sciences: 'science', tech: 'technology',
  technol: 'technology', natl: 'national', lab: 'laboratory', labs: 'laboratory', laboratories: 'laboratory', dept: 'department', ctr: 'center', centre: 'center',
};
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** NFKC (full-width to ASCII, （）to ()), lower case, '&' as 'and'. */
function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/&/g, ' and ');
}

/** Chinese-and-all form: letters and digits only, no spaces or punctuation. */
export function normaliseInstitution(s: string): string {
  return fold(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** English words, with stop words dropped and common abbreviations written out. */
function words(s: string): string[] {
  const out: string[] = [];
  for (const w of fold(s).match(/[a-z0-9]+/g) ?? []) {
    if (STOPWORDS.has(w)) continue;
    out.push(ABBREVIATIONS[w] ?? w);
  }
  return out;
}

/** Marks of a unit inside an institution: what may follow a two-character short form (北大物理学院). */
const UNIT_END = /(学院|系|所|医院|中心|实验室|部|院|处|室|馆|站|组)$/;
/** Marks that a remainder beside an academy names one of its units. */
const UNIT_CJK = /(研究所|研究院|研究中心|所|中心|实验室|台|站|园)/;
const UNIT_EN = new Set(['institute', 'center', 'laboratory', 'observatory', 'station', 'garden']);

interface CompiledAlias {
  readonly entry: InstitutionEntry;
  readonly text: string;
  readonly kind: 'cjk' | 'short-cjk' | 'words';
  readonly tokens: readonly string[];
}

export class InstitutionTable {
  readonly entries: readonly InstitutionEntry[];
  private readonly byId = new Map<string, InstitutionEntry>();
  private readonly cjk: CompiledAlias[] = [];
  private readonly shortCjk = new Map<string, InstitutionEntry>();
  private readonly byFirstWord = new Map<string, CompiledAlias[]>();
  /** Every normalised name of an entry, for comparing an unknown name with it. */
  private readonly formsOf = new Map<string, string[]>();
  private readonly cache = new Map<string, Resolved>();

  constructor(entries: readonly InstitutionEntry[] = INSTITUTIONS) {
    this.entries = entries;
    for (const e of entries) {
      this.byId.set(e.id, e);
      const forms = new Set<string>();
      for (const name of [e.zh, e.en, ...e.aliases]) {
        const text = normaliseInstitution(name);
        if (!text) continue;
        forms.add(text);
        if (CJK.test(text)) {
          if (text.length <= 2) this.shortCjk.set(text, e);
          else this.cjk.push({ entry: e, text, kind: 'cjk', tokens: [] });
        } else {
          const tokens = words(name);
          if (tokens.length === 0) continue;
          const a: CompiledAlias = { entry: e, text: tokens.join(''), kind: 'words', tokens };
          const list = this.byFirstWord.get(tokens[0]!);
          if (list) list.push(a);
          else this.byFirstWord.set(tokens[0]!, [a]);
        }
      }
      this.formsOf.set(e.id, [...forms]);
    }
    // Longest first, so 中国科学院物理研究所 wins over 中国科学院, 中国科学院大学 over 中国科学院.
    this.cjk.sort((a, b) => b.text.length - a.text.length);
  }

  entry(id: string): InstitutionEntry | undefined {
    return this.byId.get(id);
  }

  /** The institution a name (with its department, address…) stands for. */
  resolve(name: string): Resolved {
    const hit = this.cache.get(name);
    if (hit) return hit;
    const r = this.resolveUncached(name);
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(name, r);
    return r;
  }

  private resolveUncached(name: string): Resolved {
    const norm = normaliseInstitution(name);
    if (!norm) return { entry: null, sub: '', key: '', label: '' };
    let best: { entry: InstitutionEntry; len: number; rest: string } | null = null;
    // Chinese forms anywhere in the text.
    for (const a of this.cjk) {
      if (best && a.text.length <= best.len) break;
      const at = norm.indexOf(a.text);
      if (at >= 0) best = { entry: a.entry, len: a.text.length, rest: norm.slice(0, at) + norm.slice(at + a.text.length) };
    }
    // Two-character short forms (北大, 人大): the whole name, or at its start before a unit (北大物理学院).
    if (!best) {
      const head = norm.slice(0, 2);
      const e = this.shortCjk.get(head);
      if (e && (norm.length === 2 || UNIT_END.test(norm))) best = { entry: e, len: 2, rest: norm.slice(2) };
    }
    // English forms as whole words anywhere.
    const ws = words(name);
    for (let i = 0; i < ws.length; i++) {
      for (const a of this.byFirstWord.get(ws[i]!) ?? []) {
        if (a.tokens.length > ws.length - i || (best && a.text.length <= best.len)) continue;
        let ok = true;
        for (let k = 1; k < a.tokens.length && ok; k++) ok = ws[i + k] === a.tokens[k];
        if (ok) best = { entry: a.entry, len: a.text.length, rest: [...ws.slice(0, i), ...ws.slice(i + a.tokens.length)].join(' ') };
      }
    }
    if (best) {
      const sub = best.entry.umbrella ? unitOf(best.rest) : '';
      return { entry: best.entry, sub, key: `id:${best.entry.id}${sub ? `/${sub}` : ''}`, label: best.entry.zh };
    }
    const reduced = reduceUnknown(name);
    return { entry: null, sub: '', key: reduced.key, label: reduced.label };
  }

  /** Whether two names are the same institution, different ones, or uncertain — with the reason. */
  match(a: string, b: string): InstitutionMatch {
    const ra = this.resolve(a);
    const rb = this.resolve(b);
    return this.matchResolved(ra, rb);
  }

  matchResolved(ra: Resolved, rb: Resolved): InstitutionMatch {
    if (!ra.key || !rb.key) return { result: 'different', reason: { code: 'MISSING', values: {} } };
    if (ra.entry && rb.entry) {
      const ea = ra.entry;
      const eb = rb.entry;
      if (ea.id === eb.id) {
        if (ra.sub === rb.sub) return { result: 'same', reason: { code: 'KNOWN_SAME', values: { institution: ea.zh } } };
        if (ra.sub && rb.sub) return { result: 'uncertain', reason: { code: 'SAME_PARENT', values: { parent: ea.zh, a: ra.sub, b: rb.sub } } };
        return { result: 'uncertain', reason: { code: 'PARENT_CHILD', values: { parent: ea.zh, child: ra.sub || rb.sub } } };
      }
      if (ea.parent === eb.id && !rb.sub) return { result: 'uncertain', reason: { code: 'PARENT_CHILD', values: { parent: eb.zh, child: ea.zh } } };
      if (eb.parent === ea.id && !ra.sub) return { result: 'uncertain', reason: { code: 'PARENT_CHILD', values: { parent: ea.zh, child: eb.zh } } };
      return { result: 'different', reason: { code: 'KNOWN_DIFFERENT', values: { a: ea.zh, b: eb.zh } } };
    }
    if (!ra.entry && !rb.entry && ra.key === rb.key) return { result: 'same', reason: { code: 'SAME_TEXT', values: { institution: ra.label } } };
    // At least one is unknown: compare the unknown with every form of the other.
    const formsA = ra.entry ? this.formsOf.get(ra.entry.id)! : [ra.key];
    const formsB = rb.entry ? this.formsOf.get(rb.entry.id)! : [rb.key];
    for (const x of formsA) {
      for (const y of formsB) {
        const why = similar(x, y);
        if (why) return { result: 'uncertain', reason: { code: 'SIMILAR_NAME', values: { a: ra.label, b: rb.label, why: why.why, length: why.length } } };
      }
    }
    return { result: 'different', reason: { code: 'UNRELATED', values: { a: ra.label, b: rb.label } } };
  }
}

/** A unit beside an academy's name, when the rest names one (研究所, Institute of …); '' for an address or nothing. */
function unitOf(rest: string): string {
  if (!rest) return '';
  if (CJK.test(rest)) {
    const m = UNIT_CJK.exec(rest);
    return m ? rest.slice(0, m.index + m[0].length).replace(/^(北京市?|中国)/, '') : '';
  }
  const ws = rest.split(' ').filter(Boolean);
  return ws.some((w) => UNIT_EN.has(w)) ? ws.filter((w) => !/^\d+$/.test(w) && w !== 'beijing' && w !== 'china').join('') : '';
}

/** An unknown name reduced to its institution: up to …大学 or the first research unit; the English segment naming it. */
function reduceUnknown(name: string): { key: string; label: string } {
  const folded = fold(name);
  if (CJK.test(folded)) {
    const norm = normaliseInstitution(name);
    const uni = norm.indexOf('大学');
    if (uni >= 0) {
      // A campus or city in brackets right after 大学 is kept: 中国石油大学（华东）is not 中国石油大学（北京）.
      const m = /大学\(([^()]{1,12})\)/.exec(folded);
      const key = norm.slice(0, uni + 2) + (m ? normaliseInstitution(m[1]!) : '');
      return { key, label: key };
    }
    const m = /(研究所|研究院|研究中心|医院|(?<!科)学院|公司|集团)/.exec(norm);
    const key = m ? norm.slice(0, m.index + m[0].length) : norm;
    return { key, label: key };
  }
  const segments = folded.split(/[,;()]+/).map((s) => s.trim()).filter(Boolean);
  const rank = (s: string): number => {
    const w = words(s);
    return w.includes('university') ? 0 : w.includes('academy') ? 1 : w.some((x) => ['institute', 'college', 'hospital', 'school', 'observatory'].includes(x)) ? 2 : 3;
  };
  let pick = segments[0] ?? folded;
  for (const s of segments) if (rank(s) < rank(pick)) pick = s;
  const key = words(pick).filter((w) => !/^\d+$/.test(w)).join('');
  return { key: key || normaliseInstitution(name), label: pick.trim() };
}

const INSTITUTION_END_CJK = /(大学|学院|研究院|研究所|医院|学会|协会|中心|公司|集团|实验室)$/;
const INSTITUTION_END_EN = /(university|institute|academy|college|hospital|school|society|association|center|laboratory)$/;

/** Close but not equal: a long common start, or a small spelling difference. */
function similar(x: string, y: string): { why: 'prefix' | 'spelling'; length: number } | null {
  if (x === y) return { why: 'spelling', length: 0 };
  const shorter = Math.min(x.length, y.length);
  const cjk = CJK.test(x) || CJK.test(y);
  let p = 0;
  while (p < shorter && x[p] === y[p]) p++;
  // A common start counts when it is itself an institution's name (中国石油大学 in 中国石油大学（华东）and （北京）),
  // not when it stops mid-word (北京市化学会 / 北京市化工学会 are two societies).
  if (p >= (cjk ? 4 : 10) && (p === shorter || (cjk ? INSTITUTION_END_CJK : INSTITUTION_END_EN).test(x.slice(0, p)))) return { why: 'prefix', length: p };
  // Short names differ meaningfully by one character (中国化学会, 中国力学会): spelling counts only on long ones.
  if (shorter < 8) return null;
  const limit = Math.max(1, Math.floor(shorter / 8));
  const d = editDistance(x, y, limit);
  return d <= limit ? { why: 'spelling', length: d } : null;
}

/** Levenshtein distance, giving up (limit + 1) once it must exceed limit. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The shipped table with a campaign's own additions: an addition with a known id adds names, a new id a new entry. */
export function withAdditions(base: readonly InstitutionEntry[], additions: readonly InstitutionEntry[]): InstitutionEntry[] {
  const out = new Map(base.map((e) => [e.id, e]));
  for (const a of additions) {
    const had = out.get(a.id);
    out.set(a.id, had ? { ...had, aliases: [...new Set([...had.aliases, a.zh, a.en, ...a.aliases].filter(Boolean))] } : a);
  }
  return [...out.values()];
}
