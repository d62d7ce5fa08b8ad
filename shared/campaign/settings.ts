import { z } from 'zod';
import { beijingNames } from './institutions-data.ts';

/**
 * Every setting of a campaign, with its default. Templates override some defaults (templates.ts);
 * nothing outside this file invents a default of its own.
 */
const pct = z.number().finite().min(0).max(100);
const count = z.number().int().min(0);

/**
 * Beijing institutions, from the alias table (institutions-data.ts, which the panel's conflict check reads too): a
 * starting list the secretary extends; names that say 北京 are caught by the patterns as well.
 */
export const BEIJING_INSTITUTIONS: readonly string[] = beijingNames();

export const aggregationMethods = ['mean', 'median', 'trimmed', 'zscore', 'additive'] as const;
export type AggregationMethod = (typeof aggregationMethods)[number];

/** What may separate items tied on their score: the papers' metric score, the number of scores, their median. */
export const tieBreakKeys = ['metric', 'count', 'median'] as const;
export type TieBreakKey = (typeof tieBreakKeys)[number];

export const settingsSchema = z.object({
  quota: z.object({
    /** Items selected in total; null = set by hand later. */
    total: count.max(100_000).nullable().default(null),
    /** How the total is shared across disciplines until set by hand. */
    allocation: z.enum(['proportional', 'manual']).default('manual'),
    /** Discipline → quota, when allocation is manual. */
    perDiscipline: z.record(z.string(), count).default({}),
  }).prefault({}),
  assignment: z.object({
    /** Reviewers per nomination (K). */
    perItem: z.number().int().min(1).max(50).default(5),
    /** How far an expert's load may stray from the mean: min ⌊N·K/E⌋ − slack, max ⌈N·K/E⌉ + slack. */
    loadSlack: count.max(1000).default(2),
  }).prefault({}),
  aggregation: z.object({
    method: z.enum(aggregationMethods).default('trimmed'),
    /** Scores dropped at the top and the bottom (去掉一个最高分和一个最低分). */
    trimHighest: count.max(10).default(1),
    trimLowest: count.max(10).default(1),
    /** Fewer scores than this after trimming → "insufficient", flagged. */
    minScoresAfterTrim: z.number().int().min(1).max(50).default(3),
    /** The z-score method calibrates an expert only from this many scores (with some spread); below, it uses them raw, flagged. */
    minExpertScores: z.number().int().min(2).max(1000).default(3),
    /**
     * What separates items tied on their score, in order (higher is better); none: ties stay ties (1, 2, 2, 4) for
     * the meeting or a recorded adjustment to settle.
     */
    tieBreaks: z.array(z.enum(tieBreakKeys)).max(tieBreakKeys.length)
      .refine((l) => new Set(l).size === l.length, { message: 'each tie-break at most once' }).default([]),
  }).prefault({}),
  disagreement: z.object({
    /** Span (max − min) of the 0–100 totals at or above which an item goes to discussion. */
    span: pct.default(30),
    /** Standard deviation of the totals at or above which an item goes to discussion. */
    stdDev: pct.default(12),
  }).prefault({}),
  metrics: z.object({
    enabled: z.boolean().default(false),
    /** Weights of the per-group percentiles, in percent points. */
    attentionWeight: pct.default(50),
    citationsWeight: pct.default(30),
    downloadsWeight: pct.default(20),
    /** Discipline × year groups smaller than this pool adjacent years. */
    minGroupSize: z.number().int().min(1).max(10_000).default(10),
  }).prefault({}),
  blend: z.object({
    /** Final score = metricWeight % metric score + expertWeight % expert score. */
    metricWeight: pct.default(0),
    expertWeight: pct.default(100),
  }).prefault({}),
  vote: z.object({
    /** Quorum: quorumNumerator·present ≥ quorumDenominator·members (3·present ≥ 2·members). */
    quorumNumerator: z.number().int().min(1).max(100).default(3),
    quorumDenominator: z.number().int().min(1).max(100).default(2),
    /** Pass: passNumerator·yes ≥ passDenominator·present (3·yes ≥ 2·present). */
    passNumerator: z.number().int().min(1).max(100).default(3),
    passDenominator: z.number().int().min(1).max(100).default(2),
    abstainCountsAsPresent: z.boolean().default(true),
    secretBallot: z.boolean().default(true),
  }).prefault({}),
  eligibility: z.object({
    /** Publication (or event) years accepted, inclusive; null = open. */
    yearFrom: z.number().int().min(1900).max(2200).nullable().default(null),
    yearTo: z.number().int().min(1900).max(2200).nullable().default(null),
    requireBeijingAffiliation: z.boolean().default(false),
    /** Institution names and patterns that count as Beijing (a pattern is a regular expression). */
    beijingNames: z.array(z.string().max(200)).max(5000).default(() => [...BEIJING_INSTITUTIONS]),
    beijingPatterns: z.array(z.string().max(200)).max(200).default(['北京', '首都', 'Beijing', 'Peking', 'Tsinghua']),
    /** Age limit at the reference date (talent); null = none. */
    ageLimit: z.number().int().min(1).max(120).nullable().default(null),
    referenceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').nullable().default(null),
    requiredFields: z.array(z.string().max(60)).max(60).default([]),
  }).prefault({}),
  scoring: z.object({
    /** Reviewers do not see who nominated an item (the score sheet and the expert's grid leave the nominator out). */
    blind: z.boolean().default(true),
  }).prefault({}),
  display: z.object({
    timeZone: z.string().max(60).default('Asia/Shanghai'),
    /** Experts are shown by code, not name, in shared views. */
    expertsByCode: z.boolean().default(true),
  }).prefault({}),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

export const defaultSettings = (): Settings => settingsSchema.parse({});
