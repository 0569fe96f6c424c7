import { describe, expect, it } from 'vitest';
import { signToken } from '../../functions/auth/token-signing';
import { api, createPlan, distinctToken } from './helpers';

describe('GET /api/limits', () => {
	it('answers the caps this deployment enforces: the test config’s, not the shipped ones', async () => {
		const res = await api('/api/limits');
		expect(res.status).toBe(200);
		// vitest.config.ts runs the Worker with MAX_DOC_BYTES 5 MiB, MAX_DOC_ITEMS 20,000, EDITOR_SHARE_BYTES 3.5 MiB.
		expect(await res.json()).toEqual({ maxDocBytes: 5 * 1024 * 1024, maxItems: 20_000, shareBytes: 3.5 * 1024 * 1024 });
		expect(res.headers.get('Cache-Control')).toContain('no-store');
	});

	it('says, to the owner’s own edit token only, that the daily share does not hold it (the rooms agree: budget.test.ts)', async () => {
		const { planId, tokens } = await createPlan();
		const ask = (token: string) => api('/api/limits', { headers: { Authorization: `Bearer ${token}` } });
		const owner = await ask(tokens.edit);
		expect(owner.status).toBe(200);
		expect(await owner.json()).toEqual({ maxDocBytes: 5 * 1024 * 1024, maxItems: 20_000, shareBytes: 3.5 * 1024 * 1024, shareExempt: true });
		for (const token of [await distinctToken(planId, 'edit'), tokens.view]) {
			const res = await ask(token);
			expect(res.status).toBe(200);
			expect(((await res.json()) as { shareExempt?: boolean }).shareExempt).toBeUndefined();
		}
		// A token claiming `own` that the server did not sign is refused, not exempted.
		const forged = (await signToken('not-the-server-secret-0123456789abcdef', planId, 'edit', 1, Date.now(), { own: true })).token;
		expect((await ask(forged)).status).toBe(401);
	});
});
