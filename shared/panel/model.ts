/**
 * The panel's records as the store keeps them: experts, conflicts of interest (回避) and assignments. Plain data;
 * people see names and words built from `reason` (codes with values), never these ids.
 */

export interface Expert {
  readonly id: string;
  readonly name: string;
  readonly institution: string;
  readonly department: string;
  /** 职称, as written (教授, 研究员, Professor…). */
  readonly title: string;
  readonly disciplines: readonly string[];
  /** Societies (学会) in which the expert holds office: their nominations are conflicts. */
  readonly offices: readonly string[];
  readonly phone: string;
  readonly email: string;
  /** The discipline group (学科评审组) the expert sits in; null: not yet placed. */
  readonly groupId: string | null;
  /** Public key fingerprint, filled when the expert's first signed sheet arrives. */
  readonly fingerprint?: string;
  /** Load limits set by hand; absent: the campaign's rule (min ⌊N·K/E⌋ − slack, max ⌈N·K/E⌉ + slack). */
  readonly minLoad?: number;
  readonly maxLoad?: number;
}

export const CONFLICT_KINDS = ['institution', 'author', 'nominator', 'declared', 'other'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * detected: certain, found by the rules; confirm: a doubtful match (similar institution names, a common name) that
 * blocks assignment until the secretary decides; declared: stated by an expert or the secretary; dismissed: a
 * detected or doubtful one the secretary set aside, with a note.
 */
export const CONFLICT_STATES = ['detected', 'confirm', 'declared', 'dismissed'] as const;
export type ConflictState = (typeof CONFLICT_STATES)[number];

/** States that keep the expert off the nomination (fail safe: a doubt blocks). */
export const BLOCKING_STATES: ReadonlySet<ConflictState> = new Set<ConflictState>(['detected', 'confirm', 'declared']);

export const CONFLICT_REASON_CODES = [
  /** The expert's institution is an author's (papers: the affiliation). values: institution, expertInstitution, role. */
  'SAME_INSTITUTION',
  /** Institutions look alike but are not known to be the same. values: institution, expertInstitution, role, why. */
  'SIMILAR_INSTITUTION',
  /** The expert's name is an author's, the organiser's or the candidate's. values: name, role, institutionAgrees. */
  'SAME_NAME',
  /** A common name (homonym likely) matches: please confirm. values: name, role. */
  'COMMON_NAME',
  /** The expert's institution is the nominating organisation. values: nominator. */
  'INSTITUTION_NOMINATES',
  /** The expert holds office in the nominating society. values: nominator, society. */
  'OFFICE_IN_NOMINATOR',
  /** Declared by the expert or the secretary. values: by, text. */
  'DECLARED',
] as const;
export type ConflictReasonCode = (typeof CONFLICT_REASON_CODES)[number];

/** A reason as data, worded in both languages by the renderer. */
export interface ConflictReason {
  readonly code: ConflictReasonCode;
  readonly values: Readonly<Record<string, string | number | boolean>>;
}

export interface Conflict {
  readonly itemId: string;
  readonly expertId: string;
  readonly kind: ConflictKind;
  readonly reason: ConflictReason;
  readonly state: ConflictState;
  /** The secretary's note (why dismissed, what was declared); '' when none. */
  readonly note: string;
  /** Set when a person decided (dismissed, confirmed a doubt, declared): kept over later detection runs. */
  readonly decided?: { readonly actor: string; readonly at: string };
}

export interface Assignment {
  readonly itemId: string;
  readonly expertId: string;
  /** Chosen by hand: kept as is when the rest is assigned again. */
  readonly manual?: boolean;
}
