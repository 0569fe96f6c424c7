import { describe, expect, it } from 'vitest';
import { api } from './helpers';

describe('GET /api/limits', () => {
	it('answers the caps this deployment enforces: the test config’s, not the shipped ones', async () => {
		const res = await api('/api/limits');
		expect(res.status).toBe(200);
		// vitest.config.ts runs the Worker with MAX_DOC_BYTES 5 MiB, MAX_DOC_ITEMS 20,000, EDITOR_SHARE_BYTES 3.5 MiB.
		expect(await res.json()).toEqual({ maxDocBytes: 5 * 1024 * 1024, maxItems: 20_000, shareBytes: 3.5 * 1024 * 1024 });
		expect(res.headers.get('Cache-Control')).toContain('no-store');
	});
});
