/** Section 1 of a plan: what it is, for which period, in which currency, at what stage. */
export const PLAN_STATUSES = ['draft', 'approved', 'active', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** ISO 4217 codes offered in the editor; any 3-letter code is accepted. */
export const COMMON_CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD'] as const;

export interface PlanOverview {
	title: string;
	owner: string;
	/** Calendar year in which the fiscal year starts. */
	fiscalYear: number;
	/** 1–12: the month the fiscal year starts in. */
	fiscalStartMonth: number;
	currency: string;
	status: PlanStatus;
}

export const DEFAULT_OVERVIEW: PlanOverview = {
	title: '',
	owner: '',
	fiscalYear: new Date().getFullYear(),
	fiscalStartMonth: 1,
	currency: 'CNY',
	status: 'draft'
};

/** A field's problem, as a message key the UI translates. */
export type FieldIssue = 'required' | 'integer' | 'range' | 'currency' | 'choice' | 'tooLong';

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
	}
}

/** Months of the fiscal year in order, as calendar months 1–12. */
export function fiscalMonths(startMonth: number): number[] {
	return Array.from({ length: 12 }, (_, i) => ((startMonth - 1 + i) % 12) + 1);
}
