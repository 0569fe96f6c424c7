import { describe, expect, it } from 'vitest';
import {
	activityWindowStart,
	actualsWindowStart,
	archivableActivities,
	archivableActualKeys,
	archivableDeals,
	liveWindowStart
} from '$lib/domain/archive/live-window';
import { indexStages } from '$lib/domain/deal-outcome';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import type { Deal } from '$lib/domain/execution';

const stages = indexStages(DEFAULT_STAGES);
const won = DEFAULT_STAGES.find((s) => s.isWon)!.id;
const lost = DEFAULT_STAGES.find((s) => s.isLost)!.id;
const open = DEFAULT_STAGES.find((s) => !s.isWon && !s.isLost)!.id;

const deal = (id: string, stage: string, at: string | null): Deal => ({
	id,
	name: '',
	externalId: '',
	customer: 'Acme',
	segment: '',
	region: 'North',
	owner: 'r1',
	product: 'Core',
	amount: 100,
	currency: 'CNY',
	stage,
	stageHistory: at ? [{ stage, at }] : [],
	probability: 0.5,
	forecastCategory: 'pipeline',
	expectedClose: at ?? 'someday',
	lostReason: null,
	createdAt: '2023-01-01'
});

describe('live window', () => {
	it.each([
		['2026-06', 4, '2025-04'],
		['2026-07', 4, '2026-04'],
		['2026-03', 1, '2025-01'],
		['2026-04', 1, '2026-01'],
		['2026-01', 1, '2025-01'],
		['2026-12', 1, '2026-01']
	])('in %s with fiscal years from month %i starts at %s', (month, start, expected) => {
		expect(liveWindowStart(month, start)).toBe(expected);
	});

	it('archives closed deals before the window by the month they count in, and keeps the rest live', () => {
		const deals = [
			deal('won-old', won, '2024-11-30'),
			deal('lost-old', lost, '2024-12-01'),
			deal('won-edge', won, '2025-01-01'),
			deal('won-old-2', won, '2024-11-02'),
			deal('open-old', open, '2023-05-01'),
			deal('won-undated', won, null)
		];
		const archived = archivableDeals(deals, stages, '2025-01');
		expect([...archived.keys()]).toEqual(['2024-11', '2024-12']);
		expect(archived.get('2024-11')!.map((d) => d.id)).toEqual(['won-old', 'won-old-2']);
		expect(archived.get('2024-12')!.map((d) => d.id)).toEqual(['lost-old']);
	});
});

describe('activity history window', () => {
	it.each([
		['2026-01', '2025-12'],
		['2026-03', '2026-02'],
		['2026-12', '2026-11']
	])('in %s keeps activities from %s live', (month, expected) => {
		expect(activityWindowStart(month)).toBe(expected);
	});

	it('archives entries dated before the window by month, oldest first, and keeps the rest live', () => {
		const entry = (date: string) => ({ date, rep: 'r1', type: 'call' as const, count: 1 });
		const archived = archivableActivities([entry('2025-11-30'), entry('2025-12-01'), entry('2025-10-31'), entry('2025-11-01'), entry('2026-01-02')], '2025-12');
		expect([...archived.keys()]).toEqual(['2025-10', '2025-11']);
		expect(archived.get('2025-11')!.map((a) => a.date)).toEqual(['2025-11-30', '2025-11-01']);
	});
});

describe('actuals window', () => {
	it.each([
		['2026-01', 1, '2026-01'],
		['2026-12', 1, '2026-01'],
		['2026-03', 4, '2025-04'],
		['2026-04', 4, '2026-04'],
		['2026-06', 7, '2025-07']
	])('in %s with fiscal years from month %i keeps actuals from %s live', (month, fiscal, expected) => {
		expect(actualsWindowStart(month, fiscal)).toBe(expected);
	});

	it('archives cells of months before the window, by month, oldest first; unreadable periods stay live', () => {
		const keys = ['2025-12|r1|N|P', '2026-01|r1|N|P', '2024-03|r2|N|P', '2025-12|r2|-|-', 'bad|r1|N|P', '2025-13|r|N|P'];
		const archived = archivableActualKeys(keys, '2026-01');
		expect([...archived.keys()]).toEqual(['2024-03', '2025-12']);
		expect(archived.get('2025-12')).toEqual(['2025-12|r1|N|P', '2025-12|r2|-|-']);
	});
});
