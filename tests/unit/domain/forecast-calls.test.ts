import { describe, expect, it } from 'vitest';
import {
	addDays,
	callAccuracy,
	callOn,
	callThreads,
	checkCall,
	fiscalQuarterOf,
	lastDayOf,
	periodRange,
	readCalls,
	type CallInput,
	type ForecastCall
} from '$lib/domain/forecast-calls';

const input: CallInput = {
	subject: 'rep-1',
	period: '2026-04..2026-06',
	commit: 100,
	bestCase: 150,
	pipeline: 300,
	note: '',
	adjusts: null,
	reason: '',
	by: 'Li Na'
};
let n = 0;
const call = (over: Partial<ForecastCall>): ForecastCall => ({ id: `c${n++}`, ...input, at: '2026-05-01T02:00:00.000Z', ...over });

describe('forecast calls', () => {
	it('refuses bad calls with the field and reason', () => {
		expect(checkCall(input, 1e9)).toBeNull();
		expect(checkCall({ ...input, subject: ' ' }, 1e9)).toEqual({ field: 'subject', code: 'required' });
		expect(checkCall({ ...input, period: '2026-06..2026-04' }, 1e9)).toEqual({ field: 'period', code: 'period' });
		expect(checkCall({ ...input, commit: Number.NaN }, 1e9)).toEqual({ field: 'commit', code: 'notNumber' });
		expect(checkCall({ ...input, pipeline: -1 }, 1e9)).toEqual({ field: 'pipeline', code: 'belowMin' });
		expect(checkCall({ ...input, bestCase: 99 }, 1e9)).toEqual({ field: 'bestCase', code: 'order' });
		expect(checkCall({ ...input, commit: 2e9, bestCase: 2e9 }, 1e9)).toEqual({ field: 'commit', code: 'aboveMax' });
		expect(checkCall({ ...input, adjusts: 'c1' }, 1e9)).toEqual({ field: 'reason', code: 'required' });
		expect(periodRange('2026-04..2026-06')).toEqual({ from: '2026-04', to: '2026-06' });
	});

	it('reads stored calls in one order on every replica and skips malformed ones', () => {
		const a = call({ id: 'b', at: '2026-05-01T00:00:00.000Z' });
		const b = call({ id: 'a', at: '2026-05-01T00:00:00.000Z' });
		const read = readCalls([a, 'junk', { ...a, id: 'x', commit: 'lots' }, b], 1e9);
		expect(read.map((c) => c.id)).toEqual(['a', 'b']);
	});

	it('keeps every submission, each with its adjustments, and knows what stood on a day', () => {
		const first = call({ id: 's1', commit: 100, at: '2026-05-04T01:00:00.000Z' });
		const adjusted = call({ id: 'a1', adjusts: 's1', commit: 80, bestCase: 150, reason: 'Slip risk', by: 'Manager', at: '2026-05-05T01:00:00.000Z' });
		const second = call({ id: 's2', commit: 120, at: '2026-05-11T01:00:00.000Z' });
		const calls = [first, adjusted, second];
		const threads = callThreads(calls, 'rep-1', input.period);
		expect(threads.map((t) => [t.call.id, t.standing.id])).toEqual([
			['s2', 's2'],
			['s1', 'a1']
		]);
		expect(callOn(calls, 'rep-1', input.period, '2026-05-04', 'Asia/Shanghai')!.id).toBe('s1');
		expect(callOn(calls, 'rep-1', input.period, '2026-05-08', 'Asia/Shanghai')!.id).toBe('a1');
		expect(callOn(calls, 'rep-1', input.period, '2026-05-11', 'Asia/Shanghai')!.id).toBe('s2');
		expect(callOn(calls, 'rep-1', input.period, '2026-05-03', 'Asia/Shanghai')).toBeNull();
	});

	it('measures past calls against what closed', () => {
		const calls = [
			call({ subject: 'rep-1', commit: 120, at: '2026-06-20T01:00:00.000Z' }),
			call({ subject: 'rep-2', commit: 50, at: '2026-06-20T01:00:00.000Z' })
		];
		const rows = callAccuracy(calls, [{ period: input.period, lastDay: '2026-06-30' }], (subject) => (subject === 'rep-1' ? 100 : 0), 'Asia/Shanghai');
		expect(rows).toEqual([
			{ subject: 'rep-1', period: input.period, called: 120, won: 100, errorPct: 20 },
			{ subject: 'rep-2', period: input.period, called: 50, won: 0, errorPct: null }
		]);
	});

	it('does calendar arithmetic across month and year ends', () => {
		expect(addDays('2026-03-05', -7)).toBe('2026-02-26');
		expect(addDays('2027-01-03', -7)).toBe('2026-12-27');
		expect(lastDayOf('2028-02')).toBe('2028-02-29');
		const fy = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03'];
		expect(fiscalQuarterOf('2027-02', fy)).toEqual({ from: '2027-01', to: '2027-03' });
		expect(fiscalQuarterOf('2026-04', fy)).toEqual({ from: '2026-04', to: '2026-06' });
		expect(fiscalQuarterOf('2025-12', fy)).toBeNull();
	});
});

describe('repsUnder', () => {
	it('collects a node’s reps through teams and regions; the company is everyone', async () => {
		const { repsUnder } = await import('$lib/domain/org');
		const rep = (id: string, team: string, region: string) => ({ id, name: id, team, region, hireDate: '' });
		const reps = [rep('a', 't1', 'north'), rep('b', 't1', 'north'), rep('c', '', 'south'), rep('d', 't2', 'north')];
		expect([...repsUnder('region:north', reps)!].sort()).toEqual(['a', 'b', 'd']);
		expect([...repsUnder('team:t1', reps)!].sort()).toEqual(['a', 'b']);
		expect([...repsUnder('c', reps)!]).toEqual(['c']);
		expect(repsUnder('company', reps)).toBeNull();
	});
});
