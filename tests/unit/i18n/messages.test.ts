import { describe, expect, it } from 'vitest';
import { en, zhCN } from '$lib/i18n/messages';

describe('UI strings', () => {
	it('counts unassigned deals instead of formatting the count as money (“CN¥2 of deals”)', () => {
		// ForecastPanel passes the number of deals whose owner is not on the team.
		for (const table of [en, zhCN]) {
			expect(table['exec.unassigned']).toContain('{count}');
			expect(table['exec.unassigned']).not.toContain('{amount}');
		}
	});
});
