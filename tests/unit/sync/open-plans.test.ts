import { afterEach, describe, expect, it } from 'vitest';
import { announceOpenPlan, watchOpenPlans } from '$lib/sync/open-plans';

// Node's BroadcastChannel is the real one: messages cross between channel objects of one process as between tabs.
const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

function watch() {
	const seen: Map<string, string[]>[] = [];
	stops.push(watchOpenPlans((open) => seen.push(open)));
	const last = () => seen.at(-1) ?? new Map<string, string[]>();
	return { last, count: () => seen.length };
}

const until = (check: () => boolean) => expect.poll(check).toBe(true);

describe('open plans across tabs', () => {
	it('shows who is in each open plan, merges two tabs of one plan, and forgets a closed tab', async () => {
		const home = watch();
		const tabA = announceOpenPlan('plan-1');
		const tabB = announceOpenPlan('plan-1');
		stops.push(tabA.close, tabB.close);
		tabA.update(['Alice', 'Bob']);
		tabB.update(['Alice', 'Carol']);
		await until(() => home.last().get('plan-1')?.length === 3);
		expect(home.last().get('plan-1')).toEqual(['Alice', 'Bob', 'Carol']);
		tabB.close();
		await until(() => home.last().get('plan-1')?.length === 2);
		tabA.close();
		await until(() => !home.last().has('plan-1'));
	});

	it('answers a home page opened after the plan', async () => {
		const tab = announceOpenPlan('plan-2');
		stops.push(tab.close);
		tab.update(['王伟']);
		const home = watch();
		await until(() => home.last().get('plan-2')?.[0] === '王伟');
	});

	it('ignores malformed messages', async () => {
		const home = watch();
		const rogue = new BroadcastChannel('sales-plan:open-plans');
		stops.push(() => rogue.close());
		rogue.postMessage({ type: 'here', tab: 't', planId: 42, names: ['x'] });
		rogue.postMessage('garbage');
		rogue.postMessage({ type: 'here', tab: 't', planId: 'plan-3', names: ['ok', 7] });
		await until(() => home.last().has('plan-3'));
		expect(home.last().get('plan-3')).toEqual(['ok']);
		expect(home.count()).toBe(1);
	});
});
