import { isTimeZone } from './plan-clock';

/** Section 1 of a plan: what it is, for which period, in which currency, at what stage. */
export const PLAN_STATUSES = ['draft', 'approved', 'active', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** ISO 4217 codes offered in the editor; any 3-letter code is accepted. */
export const COMMON_CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD'] as const;

/** Zones offered in the editor (offices of typical users); any IANA zone the browser knows is accepted. */
export const COMMON_TIME_ZONES = [
	'Asia/Shanghai',
	'Asia/Hong_Kong',
	'Asia/Singapore',
	'Asia/Tokyo',
	'Europe/London',
	'Europe/Berlin',
	'America/New_York',
	'America/Los_Angeles',
	'UTC'
] as const;

export interface PlanOverview {
	title: string;
	owner: string;
	/** Calendar year in which the fiscal year starts. */
	fiscalYear: number;
	/** 1–12: the month the fiscal year starts in. */
	fiscalStartMonth: number;
	currency: string;
	status: PlanStatus;
	/**
	 * IANA time zone every date bucket, "today" and as-of of the plan is computed in, so offices
	 * in different zones see the same numbers. '' for plans made before the field existed: the
	 * viewer's zone is used and the page says so.
	 */
	timeZone: string;
}

export const DEFAULT_OVERVIEW: PlanOverview = {
	title: '',
	owner: '',
	fiscalYear: new Date().getFullYear(),
	fiscalStartMonth: 1,
	currency: 'CNY',
	status: 'draft',
	timeZone: ''
};

/** A field's problem, as a message key the UI translates. */
export type FieldIssue = 'required' | 'integer' | 'range' | 'currency' | 'choice' | 'tooLong' | 'timeZone';

export type OverviewField = keyof PlanOverview;

/** Validates one raw value (from a form or from a peer) for an overview field. */
export function checkOverviewField(field: OverviewField, value: unknown): FieldIssue | null {
	switch (field) {
		case 'title':
			if (typeof value !== 'string' || value.trim() === '') return 'required';
			return value.length > 200 ? 'tooLong' : null;
		case 'owner':
			if (typeof value !== 'string') return 'required';
			return value.length > 100 ? 'tooLong' : null;
		case 'fiscalYear':
			if (typeof value !== 'number' || !Number.isInteger(value)) return 'integer';
			return value < 2000 || value > 2100 ? 'range' : null;
		case 'fiscalStartMonth':
			if (typeof value !== 'number' || !Number.isInteger(value)) return 'integer';
			return value < 1 || value > 12 ? 'range' : null;
		case 'currency':
			return typeof value === 'string' && /^[A-Z]{3}$/.test(value) ? null : 'currency';
		case 'status':
			return (PLAN_STATUSES as readonly unknown[]).includes(value) ? null : 'choice';
		case 'timeZone':
			// '' is what an old plan reads as; a set zone must be one this browser knows.
			return value === '' || isTimeZone(value) ? null : 'timeZone';
	}
}

/** Months of the fiscal year in order, as calendar months 1–12. */
export function fiscalMonths(startMonth: number): number[] {
	return Array.from({ length: 12 }, (_, i) => ((startMonth - 1 + i) % 12) + 1);
}
