import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readOverview } from '$lib/doc/overview';
import { createProjection } from '$lib/doc/execution/projection';
import { readConfiguredStages } from '$lib/doc/execution/commands';

/**
 * Documents recorded with the app as it was before the plan time zone and the stage → category
 * mapping (commit b59a2fb): they must read without a migration.
 */
const load = (name: string) => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url))));
	return doc;
};

describe('documents recorded before issue 10', () => {
	it('a plan without a time zone reads as "not set" (the viewer’s zone is used), every other field intact', () => {
		const view = readOverview(load('plan-v2-no-time-zone.bin'));
		expect(view.values.timeZone).toBe('');
		expect(view.invalid).toEqual({});
		expect(view.values).toMatchObject({ title: 'Recorded plan', fiscalYear: 2026, currency: 'CNY' });
	});

	it('stages without a category mapping read with the default mapping; a deal reopened then (category still closed-won) is open', () => {
		const exec = load('execution-v2-reopened.bin');
		expect(readConfiguredStages(exec).every((s) => s.forecastCategory === undefined)).toBe(true);
		const projection = createProjection(exec);
		const metrics = projection.metrics({});
		expect(metrics.dataQuality.totalIssues).toBe(0);
		expect(metrics.winRate).toMatchObject({ won: 1, lost: 0 });
		expect(metrics.openDeals).toBe(1);
		const company = metrics.forecast.rows.find((r) => r.nodeId === 'company')!;
		// Negotiation (70%) maps to commit; only the deal still in the won stage is closed.
		expect(company.adjusted).toEqual({ 'closed-won': 500, commit: 700, 'best-case': 0, pipeline: 0 });
		projection.destroy();
	});
});
