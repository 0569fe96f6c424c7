import { describe, expect, it } from 'vitest';
import { headerSync, syncProblemMessage } from '../../../src/routes/plan/[id]/header/sync-problem';

const t = (key: string, params?: Record<string, string | number>) => (params ? `${key} ${JSON.stringify(params)}` : key);

describe('what the page says when the server will not store edits', () => {
	it('names final closes, then refusals that are retried, else nothing', () => {
		expect(syncProblemMessage({ fatal: null, refused: null }, t)).toBeNull();
		expect(syncProblemMessage({ fatal: { code: 4413, reason: '' }, refused: { code: 4413, reason: '' } }, t)).toBe('plan.fatal.4413');
		expect(syncProblemMessage({ fatal: { code: 4507, reason: '' }, refused: { code: 4507, reason: '' } }, t)).toBe('plan.fatal.4507');
		expect(syncProblemMessage({ fatal: null, refused: { code: 1009, reason: 'too big' } }, t)).toBe('plan.refused.1009');
		expect(syncProblemMessage({ fatal: null, refused: { code: 1007, reason: 'Malformed frame.' } }, t)).toBe(
			'plan.refused.other {"reason":"Malformed frame."}'
		);
	});
});

describe('what the header says about every document of a plan', () => {
	const synced = { status: 'synced' as const, unsent: 0, fatal: null, refused: null, full: null };

	it('is the plan alone while execution is not open', () => {
		expect(headerSync(synced, [], t)).toEqual({ status: 'synced', unsent: 0, problem: null });
	});

	it('never says synced while a deal shard holds unconfirmed edits, and counts them', () => {
		const docs = [
			{ ...synced, shard: '' },
			{ ...synced, shard: '1', status: 'syncing' as const, unsent: 2 }
		];
		expect(headerSync(synced, docs, t)).toEqual({ status: 'syncing', unsent: 2, problem: null });
		expect(headerSync({ ...synced, status: 'connecting' }, docs, t).status).toBe('connecting');
	});

	it('names the room that refused: the execution document, or the deals part of a shard', () => {
		const full = { code: 4413, reason: 'This plan has reached its size limit.' };
		const shardFull = [
			{ ...synced, shard: '' },
			{ ...synced, shard: '1' },
			{ ...synced, shard: '3', status: 'offline' as const, unsent: 1, fatal: full, refused: full },
			{ ...synced, shard: '2' }
		];
		expect(headerSync(synced, shardFull, t)).toEqual({
			status: 'offline',
			unsent: 1,
			problem: 'syncRooms.problem {"where":"syncRooms.shard {\\"n\\":4,\\"total\\":4}","message":"plan.fatal.4413"}'
		});
		const execRevoked = [{ ...synced, shard: '', status: 'offline' as const, fatal: { code: 4401, reason: '' } }];
		expect(headerSync(synced, execRevoked, t).problem).toBe('syncRooms.problem {"where":"syncRooms.execution","message":"plan.fatal.4401"}');
	});

	it('says a room had no place for this device, after any refusal', () => {
		const full = { code: 4503, reason: 'This link is already open 50 times.' };
		expect(headerSync(synced, [{ ...synced, shard: '', status: 'connecting' as const, full }], t)).toEqual({
			status: 'connecting',
			unsent: 0,
			problem: 'syncRooms.problem {"where":"syncRooms.execution","message":"syncRooms.full"}'
		});
		expect(syncProblemMessage({ fatal: null, refused: { code: 1009, reason: '' }, full }, t)).toBe('plan.refused.1009');
	});

	it("puts the plan's own refusal first", () => {
		const refused = { code: 1009, reason: '' };
		const docs = [{ ...synced, shard: '1', refused }];
		expect(headerSync({ ...synced, fatal: { code: 4401, reason: '' } }, docs, t).problem).toBe('plan.fatal.4401');
	});
});
