import { z } from 'zod';
import type { AssignWarning, ExpertLoad, UnassignedCode } from '../panel/assign.ts';
import type { InstitutionEntry } from '../campaign/institutions-data.ts';
import { CONFLICT_KINDS, CONFLICT_REASON_CODES, CONFLICT_STATES, type Conflict, type Expert } from '../panel/model.ts';
import type { RosterColumn, RosterFate, RosterIssue } from '../panel/roster.ts';
import type { SheetSummary } from './nominations.ts';
import { entry } from './define.ts';

const campaignId = z.string().min(1).max(80);
const id = z.string().min(1).max(80);
const file = z.object({ name: z.string().min(1).max(260), bytes: z.instanceof(Uint8Array) }).strict();
const jobId = z.string().max(100).optional();
const shortText = z.string().trim().max(200);
const textList = z.array(z.string().trim().min(1).max(200)).max(100);

/** An expert as the panel's screens show them: their record, anonymous code, group and counts. */
export interface ExpertRow extends Expert {
  /** 专家A… in the panel's order (the code used where names are hidden). */
  readonly code: string;
  readonly groupName: string;
  readonly load: number;
  /** Conflicts keeping them off nominations (detected, to confirm, declared). */
  readonly blocking: number;
}

export interface PanelGroupView {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly disciplines: readonly string[];
  readonly everyMemberScores: boolean;
  readonly members: number;
  /** Nominations (not ineligible) whose discipline is the group's. */
  readonly items: number;
}

export interface PanelOverview {
  readonly experts: readonly ExpertRow[];
  readonly groups: readonly PanelGroupView[];
  /** Nominations to assign: those not ineligible. */
  readonly items: number;
  /** Nominations whose discipline is in no group. */
  readonly ungrouped: number;
  readonly conflicts: Readonly<Record<'detected' | 'confirm' | 'declared' | 'dismissed', number>>;
  readonly assignments: number;
  readonly perItem: number;
  readonly additions: readonly InstitutionEntry[];
}

export interface RosterPreview {
  readonly uploadId: string;
  readonly file: string;
  readonly sheets: readonly SheetSummary[];
  readonly sheet: string;
  /** Excel row of the header, or null. */
  readonly headerRow: number | null;
  readonly columns: readonly RosterColumn[];
  readonly rows: readonly { readonly row: number; readonly name: string; readonly institution: string; readonly department: string; readonly title: string; readonly disciplines: readonly string[]; readonly groupName: string; readonly fate: RosterFate }[];
  readonly totals: { readonly rows: number; readonly new: number; readonly updates: number; readonly unchanged: number; readonly rejected: number };
  readonly issues: readonly RosterIssue[];
}

export interface RosterReport {
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly issues: readonly RosterIssue[];
}

/** A conflict with the names of those it is about (never shown by id). */
export interface ConflictRow extends Conflict {
  readonly expertName: string;
  readonly itemLabel: string;
}

export interface ConflictCounts {
  readonly detected: number;
  readonly confirm: number;
  readonly declared: number;
  readonly dismissed: number;
}

export interface UnassignedRow {
  readonly itemId: string;
  readonly itemLabel: string;
  readonly groupId: string | null;
  readonly groupName: string;
  readonly missing: number;
  readonly reason: { readonly code: UnassignedCode; readonly values: Readonly<Record<string, string | number>> };
}

export interface AssignReport {
  readonly perItem: number;
  readonly assignments: readonly { readonly itemId: string; readonly expertId: string; readonly manual?: boolean }[];
  readonly unassigned: readonly UnassignedRow[];
  readonly loads: readonly (ExpertLoad & { readonly name: string })[];
  readonly warnings: readonly (AssignWarning & { readonly groupName: string })[];
  /** Hand-made assignments dropped because a conflict now stands. */
  readonly droppedManual: readonly { readonly itemId: string; readonly expertId: string }[];
  readonly cost: number;
  readonly mismatched: number;
}

/** The matrix (nominations × experts) of one group, or of all. */
export interface PanelMatrix {
  readonly perItem: number;
  readonly experts: readonly { readonly id: string; readonly name: string; readonly code: string; readonly groupId: string | null; readonly load: number; readonly min: number; readonly max: number }[];
  readonly items: readonly { readonly id: string; readonly label: string; readonly discipline: string; readonly groupId: string | null; readonly everyMember: boolean }[];
  readonly assignments: readonly { readonly itemId: string; readonly expertId: string; readonly manual: boolean }[];
  /** One per pair, the strongest state (blocking states before dismissed). */
  readonly conflicts: readonly { readonly itemId: string; readonly expertId: string; readonly state: Conflict['state'] }[];
  readonly excluded: readonly { readonly itemId: string; readonly expertId: string }[];
}

const expertFields = z.object({
  name: z.string().trim().min(1).max(100),
  institution: shortText.default(''),
  department: shortText.default(''),
  title: shortText.default(''),
  disciplines: textList.default([]),
  offices: textList.default([]),
  phone: z.string().trim().max(60).default(''),
  email: z.string().trim().max(200).default(''),
  groupId: z.string().max(60).nullable().default(null),
  minLoad: z.number().int().min(0).max(100_000).nullable().optional(),
  maxLoad: z.number().int().min(0).max(100_000).nullable().optional(),
}).strict();

const conflictRef = { itemId: id, expertId: id, kind: z.enum(CONFLICT_KINDS), code: z.enum(CONFLICT_REASON_CODES) };

export const panelContract = {
  'panel.overview': entry<PanelOverview>()(z.object({ campaignId }).strict()),
  /** Add an expert (no id) or change one (their whole record). */
  'experts.save': entry<ExpertRow>()(z.object({ campaignId, id: id.optional(), expert: expertFields }).strict()
    .refine((a) => a.expert.minLoad == null || a.expert.maxLoad == null || a.expert.minLoad <= a.expert.maxLoad, { message: 'the minimum load must not exceed the maximum', path: ['expert', 'minLoad'] })),
  'experts.remove': entry<{ removed: string }>()(z.object({ campaignId, id }).strict()),
  /** Put experts in a discipline group (null: in none). */
  'experts.place': entry<PanelOverview>()(z.object({ campaignId, ids: z.array(id).min(1).max(1000), groupId: z.string().max(60).nullable() }).strict()),
  /** Read a roster workbook (in a worker) and preview its experts. */
  'experts.preview': entry<RosterPreview>()(z.object({
    campaignId,
    file: file.optional(),
    uploadId: z.string().max(100).optional(),
    sheet: z.string().max(200).optional(),
    headerRow: z.number().int().min(1).max(1_000_000).optional(),
    limit: z.number().int().min(0).max(10_000).default(200),
    jobId,
  }).strict().refine((a) => a.file !== undefined || a.uploadId !== undefined, { message: 'give a file or an uploadId' })),
  'experts.import': entry<RosterReport>()(z.object({
    campaignId,
    uploadId: z.string().max(100),
    sheet: z.string().max(200).optional(),
    headerRow: z.number().int().min(1).max(1_000_000).optional(),
    jobId,
  }).strict()),
  /** Detect conflicts of interest (in a worker), keeping people's decisions. */
  'conflicts.detect': entry<ConflictCounts>()(z.object({ campaignId, jobId }).strict()),
  'conflicts.list': entry<{ conflicts: ConflictRow[] }>()(z.object({
    campaignId,
    state: z.enum(CONFLICT_STATES).optional(),
    expertId: id.optional(),
    itemId: id.optional(),
  }).strict()),
  'conflicts.declare': entry<ConflictRow>()(z.object({ campaignId, itemId: id, expertId: id, note: z.string().trim().min(1).max(2000) }).strict()),
  /** A detected or doubtful conflict dismissed (with a note) or confirmed. */
  'conflicts.decide': entry<ConflictRow>()(z.object({ campaignId, ...conflictRef, decision: z.enum(['dismiss', 'confirm']), note: z.string().trim().max(2000).default('') }).strict()
    .refine((a) => a.decision !== 'dismiss' || a.note.length > 0, { message: 'a dismissal needs a note', path: ['note'] })),
  'conflicts.withdraw': entry<{ withdrawn: true }>()(z.object({ campaignId, itemId: id, expertId: id }).strict()),
  /** A campaign's own institution names: an existing entry (by id) gains aliases, or a new institution. */
  'institutions.add': entry<{ entry: InstitutionEntry }>()(z.object({
    campaignId,
    id: z.string().trim().max(80).optional(),
    zh: shortText.default(''),
    en: shortText.default(''),
    aliases: textList.default([]),
  }).strict().refine((a) => a.id || a.zh || a.en, { message: 'name the institution', path: ['zh'] })),
  /** Assign reviewers (in a worker): K from the settings unless given; hand-made choices kept. */
  'panel.assign': entry<AssignReport>()(z.object({ campaignId, perItem: z.number().int().min(1).max(50).optional(), jobId }).strict()),
  'panel.matrix': entry<PanelMatrix>()(z.object({ campaignId, groupId: z.string().max(60).optional() }).strict()),
  /** By hand: put an expert on a nomination (kept by later runs) or take them off (later runs leave the pair off). */
  'assignments.set': entry<{ assigned: boolean }>()(z.object({ campaignId, itemId: id, expertId: id, assigned: z.boolean() }).strict()),
} as const;
