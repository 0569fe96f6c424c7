import { describe, expect, it } from 'vitest';
import type { PlanIndexEntry } from '$lib/sync/plan-index';
import { mustSeed } from '$lib/sync/seed-rule';

const created: PlanIndexEntry = {
	id: 'plan-0000001',
	title: 'Plan',
	role: 'edit',
	createdAt: '2026-01-01T00:00:00Z',
	updatedAt: '2026-01-01T00:00:00Z',
	registrationKey: 'key',
	seed: { title: 'Plan', template: 'b2bLongCycle' }
};

describe('seeding a new plan', () => {
	it('seeds once: on the creating device, before registration, from a local copy that loaded empty', () => {
		expect(mustSeed(created, true, null)).toBe(true);
	});

	it('never seeds a plan that has content, is on the server, or whose local copy did not load', () => {
		expect(mustSeed(created, true, 2)).toBe(false);
		// Registered: colleagues may have written; an empty doc only means the copy is missing.
		expect(mustSeed({ ...created, token: 'v1.x.y' }, true, null)).toBe(false);
		// Failed, timed out or damaged local copy: the doc looks empty but the plan may not be.
		expect(mustSeed(created, false, null)).toBe(false);
		expect(mustSeed({ ...created, seed: undefined }, true, null)).toBe(false);
	});
});
