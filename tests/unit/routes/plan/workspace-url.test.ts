import { describe, expect, it } from 'vitest';
import { areaFromUrl, workspaceUrl } from '../../../../src/routes/plan/[id]/workspace-url';

const url = (search: string) => new URL(`https://plans.example/plan/abc${search}`);

describe('the plan page keeps its area and the shared filters in the address', () => {
	it('reads the area, the plan editor when none or an unknown one is named', () => {
		expect(areaFromUrl(url('?area=cockpit').searchParams)).toBe('cockpit');
		expect(areaFromUrl(url('?area=reviews').searchParams)).toBe('reviews');
		expect(areaFromUrl(url('').searchParams)).toBe('plan');
		expect(areaFromUrl(url('?area=admin').searchParams)).toBe('plan');
	});

	it('writes the filters for Execution and the cockpit, drops them elsewhere, keeps other parameters', () => {
		expect(workspaceUrl(url('?lang=zh'), 'cockpit', { region: 'East', from: '2026-01' })).toBe('/plan/abc?lang=zh&from=2026-01&region=East&area=cockpit');
		expect(workspaceUrl(url('?region=East&area=cockpit'), 'execution', { region: 'East' })).toBe('/plan/abc?region=East&area=execution');
		expect(workspaceUrl(url('?region=East&area=cockpit'), 'reviews', { region: 'East' })).toBe('/plan/abc?area=reviews');
		expect(workspaceUrl(url('?region=East&area=cockpit'), 'plan', { region: 'East' })).toBe('/plan/abc');
	});
});
