import { describe, expect, it } from 'vitest';
import { activitiesTable, actualsTable, dealsTable, DEAL_KEYS, exportFileName, forecastRollupTable, reviewVarianceTable, toCsv } from '$lib/export';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import type { Deal, Rep } from '$lib/domain/execution';

const reps: Rep[] = [{ id: 'r1', name: '张伟', team: 't', region: '华东', hireDate: '2024-01-01' }];
const deal = (over: Partial<Deal>): Deal => ({
	id: 'd1',
	name: '',
	externalId: '',
	customer: 'Acme',
	segment: 'smb',
	region: '华东',
	owner: 'r1',
	product: 'p',
	amount: 1000,
	currency: 'CNY',
	stage: 'proposal',
	stageHistory: [{ stage: 'lead', at: '2026-01-02' }],
	probability: 0.5,
	forecastCategory: 'pipeline',
	expectedClose: '2026-03-31',
	lostReason: null,
	createdAt: '2026-01-02T08:00:00Z',
	...over
});

describe('dealsTable', () => {
	it('has the machine keys of the command line in order and English or Chinese labels', () => {
		const en = dealsTable([], DEFAULT_STAGES, reps, 'en');
		expect(toCsv(en, 'key').slice(1).split('\r\n')[0]).toBe(
			'externalId,name,customer,amount,currency,stage,owner,region,product,createdAt,expectedClose,closedAt,probability,forecastCategory'
		);
		expect(en.columns.map((c) => c.key)).toEqual([...DEAL_KEYS]);
		expect(dealsTable([], DEFAULT_STAGES, reps, 'zh-CN').columns[2]?.label).toBe('客户');
	});

	it('writes stage and owner names, the external id (else the id), dates as days, and when a closed deal closed', () => {
		const won = deal({
			id: 'd2',
			externalId: 'SF-9',
			name: 'Big one',
			stage: 'won',
			stageHistory: [
				{ stage: 'lead', at: '2026-01-02' },
				{ stage: 'won', at: '2026-02-10' }
			]
		});
		const { rows, columns } = dealsTable([deal({}), won], DEFAULT_STAGES, reps, 'en', 'CNY');
		expect(rows[0]).toMatchObject({
			externalId: 'd1',
			name: '',
			stage: 'Proposal',
			owner: '张伟',
			createdAt: '2026-01-02',
			closedAt: null,
			forecastCategory: 'pipeline'
		});
		expect(rows[1]).toMatchObject({ externalId: 'SF-9', name: 'Big one', stage: 'Won', closedAt: '2026-02-10', forecastCategory: 'closed-won' });
		expect(columns.find((c) => c.key === 'amount')).toMatchObject({ type: 'money', currency: 'CNY' });
	});
});

describe('other tables', () => {
	it('activities add up entries of one cell and sort by date', () => {
		const t = activitiesTable(
			[
				{ date: '2026-01-03', rep: 'r1', type: 'call', count: 2 },
				{ date: '2026-01-02', rep: 'r1', type: 'call', count: 1 },
				{ date: '2026-01-03', rep: 'r1', type: 'call', count: 4 }
			],
			reps,
			'en'
		);
		expect(t.rows).toEqual([
			{ date: '2026-01-02', rep: '张伟', type: 'call', count: 1 },
			{ date: '2026-01-03', rep: '张伟', type: 'call', count: 6 }
		]);
	});

	it('actuals keep every metric as a number', () => {
		const t = actualsTable(
			[{ period: '2026-01', rep: 'r1', region: 'E', product: 'p', revenue: 10, collections: 8, grossMargin: 3, newCustomers: 1 }],
			reps,
			'en',
			'CNY'
		);
		expect(t.rows[0]).toMatchObject({ rep: '张伟', revenue: 10, newCustomers: 1, salesCost: null });
		expect(t.columns.filter((c) => c.type === 'money').map((c) => c.key)).toEqual(['revenue', 'collections', 'grossMargin', 'salesCost']);
	});

	it('the forecast roll-up shows submitted and adjusted side by side', () => {
		const totals = (commit: number) => ({ 'closed-won': 5, commit, 'best-case': 2, pipeline: 1 });
		const t = forecastRollupTable(
			[{ nodeId: 'b', parent: 't', submitted: totals(50), adjusted: totals(30), commitForecast: 35, bestCaseForecast: 37 }],
			(id) => id.toUpperCase(),
			'en'
		);
		expect(t.rows[0]).toMatchObject({ node: 'B', parent: 'T', commitSubmitted: 50, commit: 30, commitForecast: 35 });
	});

	it("the forecast roll-up carries each manager's adjustment note after the adjusted commit", () => {
		const totals = (commit: number) => ({ 'closed-won': 5, commit, 'best-case': 2, pipeline: 1 });
		const rows = [{ nodeId: 'b', parent: null, submitted: totals(50), adjusted: totals(30), commitForecast: 35, bestCaseForecast: 37 }];
		const t = forecastRollupTable(
			rows,
			(id) => id,
			'zh-CN',
			'CNY',
			(id) => (id === 'b' ? '客户推迟' : '')
		);
		const keys = t.columns.map((c) => c.key);
		expect(keys.indexOf('adjustmentNote')).toBe(keys.indexOf('commit') + 1);
		expect(t.columns.find((c) => c.key === 'adjustmentNote')).toMatchObject({ label: '调整说明', type: 'text' });
		expect(t.rows[0]).toMatchObject({ adjustmentNote: '客户推迟', parent: '' });
		expect(forecastRollupTable(rows, (id) => id, 'en').columns.map((c) => c.key)).not.toContain('adjustmentNote');
	});

	it("review variance carries each row's five whys and percent as a fraction", () => {
		const line = {
			key: 'revenue',
			metric: 'revenue' as const,
			label: '',
			plan: 100,
			actual: 80,
			forecast: null,
			abs: -20,
			pct: -20,
			flagged: true,
			fullPlan: null,
			fullPct: null
		};
		const t = reviewVarianceTable([line], [{ id: 'w', deviationKey: 'revenue', whys: ['a', 'b'], rootCause: 'rc', countermeasure: 'cm' }], 'en');
		expect(t.rows[0]).toMatchObject({ pct: -0.2, flagged: 'yes', why1: 'a', why2: 'b', why3: '', rootCause: 'rc', countermeasure: 'cm' });
		const named = reviewVarianceTable([line], [], 'en', 'CNY', (metric) => (metric === 'revenue' ? 'Revenue' : metric));
		expect(named.rows[0]).toMatchObject({ metric: 'Revenue', why1: '', rootCause: '' });
	});
});

describe('exportFileName', () => {
	it('is <plan>-<table>-<date> with the date in the plan time zone and unsafe characters replaced', () => {
		// 2026-06-30 22:00 UTC is already 1 July in Shanghai.
		const at = Date.parse('2026-06-30T22:00:00Z');
		expect(exportFileName('2026 华东/华南 方案', 'deals', 'csv', 'Asia/Shanghai', at)).toBe('2026 华东-华南 方案-deals-2026-07-01.csv');
		expect(exportFileName('P', 'deals', 'xlsx', 'America/New_York', at)).toBe('P-deals-2026-06-30.xlsx');
	});
});
