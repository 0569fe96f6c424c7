import { describe, expect, it } from 'vitest';
import { syncProblemMessage } from '../../../src/routes/plan/[id]/header/sync-problem';

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
