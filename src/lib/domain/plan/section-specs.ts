/**
 * Validation specs for the list sections added in schema version 2 (market, customers, lead
 * sources, incentives, playbook). The same spec checks a form value before it is stored and reads
 * a peer's stored value back, so what one person cannot type, no peer can smuggle in either.
 */
import {
	AWARD_KINDS,
	LEAD_SOURCE_KINDS,
	PLAYBOOK_KINDS,
	SEGMENT_DIMENSIONS,
	type Award,
	type CommissionTierRow,
	type IncentiveSettings,
	type KpiWeightRow,
	type LeadSource,
	type Persona,
	type PlaybookEntry,
	type Segment
} from './types';
import { choiceField, idField, nullableNumberField, sanitizeNumber, textField, type FieldSpec, type RecordSpec } from './validate';

const percent: FieldSpec<number> = { read: (raw) => sanitizeNumber(raw, { min: 0, max: 100 }), fallback: () => 0 };

export const PERSONA_SPEC: RecordSpec<Persona> = {
	id: idField,
	name: textField(200),
	role: textField(200),
	needs: textField(),
	painPoints: textField(),
	decisionRole: textField(200)
};

export const SEGMENT_SPEC: RecordSpec<Segment> = {
	id: idField,
	name: textField(200),
	dimension: choiceField(SEGMENT_DIMENSIONS, 'geography'),
	description: textField()
};

export const LEAD_SOURCE_SPEC: RecordSpec<LeadSource> = {
	id: idField,
	kind: choiceField(LEAD_SOURCE_KINDS, 'other'),
	description: textField(500),
	expectedLeads: nullableNumberField({ min: 0, integer: true })
};

export const KPI_WEIGHT_SPEC: RecordSpec<KpiWeightRow> = {
	id: idField,
	role: textField(200),
	kpi: textField(200),
	weightPct: percent
};

/** A tier starts at an attainment level (0–1000% of quota) and pays a marginal rate (0–100%). */
export const COMMISSION_TIER_SPEC: RecordSpec<CommissionTierRow> = {
	id: idField,
	fromAttainmentPct: { read: (raw) => sanitizeNumber(raw, { min: 0, max: 1000 }), fallback: () => 100 },
	ratePct: percent
};

export const AWARD_SPEC: RecordSpec<Award> = {
	id: idField,
	kind: choiceField(AWARD_KINDS, 'other'),
	description: textField(500),
	amount: nullableNumberField({ min: 0, step: 0.01 })
};

/** The body is collaborative text (a Y.Text in the document), read here as its string. */
export const PLAYBOOK_SPEC: RecordSpec<PlaybookEntry> = {
	id: idField,
	kind: choiceField(PLAYBOOK_KINDS, 'talkTrack'),
	title: textField(300),
	body: textField()
};

/** Single-value incentive settings; each is optional (null: not used). */
export const INCENTIVE_SETTINGS_SPEC: RecordSpec<IncentiveSettings> = {
	baseRatePct: nullableNumberField({ min: 0, max: 100 }),
	teamMinAttainmentPct: nullableNumberField({ min: 0, max: 1000 }),
	teamBoostPct: nullableNumberField({ min: 0, max: 1000 }),
	firstDealBonus: nullableNumberField({ min: 0, step: 0.01 }),
	firstDealWithinDays: nullableNumberField({ min: 1, max: 3650, integer: true })
};

/** Market size (plan currency per year) and growth (may be negative). */
export interface MarketFacts {
	size: number | null;
	growthPct: number | null;
}

export const MARKET_FACTS_SPEC: RecordSpec<MarketFacts> = {
	size: nullableNumberField({ min: 0, step: 0.01 }),
	growthPct: nullableNumberField({ min: -100, max: 1000 })
};
