import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { removeMetric } from '$lib/doc/execution/metric-commands';
import { createProjection } from '$lib/doc/execution/projection';
import { planTemplate } from '$lib/doc/scaffold';
import { readTargets } from '$lib/doc/targets';
import { CHANNEL_STEPS, channelFunnel, usesChannelFunnel } from '$lib/domain/channel-funnel';
import { TEMPLATES, TEMPLATE_IDS } from '$lib/domain/plan/templates';

/** Recorded with the app before the channel funnel: an FMCG plan (zh-CN) and its execution data with June values. */
const load = (name: string) => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url))));
	return doc;
};
const JUNE = { from: '2026-06', to: '2026-06' };

describe('the FMCG channel funnel instead of a demo/proposal funnel', () => {
	it('only the FMCG channel template uses it; B2B and the others keep the demo/proposal comparison', () => {
		expect(TEMPLATE_IDS.filter((id) => usesChannelFunnel(id))).toEqual(['fmcgChannel']);
		expect(usesChannelFunnel(undefined)).toBe(false);
		expect(usesChannelFunnel('b2bLongCycle')).toBe(false);
		// Every step is one of the template's metrics.
		expect(CHANNEL_STEPS).toEqual(['storeVisits', 'distribution', 'sellThrough']);
		expect(TEMPLATES.fmcgChannel.id).toBe('fmcgChannel');
	});

	it('a recorded FMCG plan reads as a channel plan: store visits → distribution → sell-through with values, targets and lights', () => {
		const plan = load('fmcg-plan-before-channel.bin');
		expect(usesChannelFunnel(planTemplate(plan))).toBe(true);
		// Its stored demo/proposal rates stay in the document untouched (nothing is lost), just not shown.
		expect(readTargets(plan).funnel.demoToProposalPct).toBe(60);
		const exec = load('fmcg-execution-before-channel.bin');
		const projection = createProjection(exec);
		const { defs, cells } = projection.tracked();
		const rows = channelFunnel(defs, cells, JUNE, new Map(), 1);
		expect(rows.map((r) => [r.step, r.def?.name, r.value, r.target, r.light])).toEqual([
			['storeVisits', '门店拜访数', 120, null, 'none'],
			// Average of 70 and 90 = 80 against 80: on track.
			['distribution', '铺货率', 80, 80, 'green'],
			// 50 against 70 is 71% of target: red.
			['sellThrough', '动销率', 50, 70, 'red']
		]);
		// A quarter: the sum metric's target would scale with months; averages stay per month.
		expect(channelFunnel(defs, cells, { from: '2026-04', to: '2026-06' }, new Map(), 3)[1]).toMatchObject({ value: 80, target: 80 });
		projection.destroy();
	});

	it('a step whose metric was removed (or never seeded) has no figure, never 0', () => {
		const exec = load('fmcg-execution-before-channel.bin');
		removeMetric(exec, 'metric-template-sellThrough');
		const projection = createProjection(exec);
		const { defs, cells } = projection.tracked();
		expect(channelFunnel(defs, cells, JUNE, new Map(), 1)[2]).toEqual({ step: 'sellThrough', def: null, value: null, target: null, light: 'none' });
		expect(channelFunnel([], [], JUNE, new Map(), 1).every((r) => r.def === null && r.value === null)).toBe(true);
		projection.destroy();
	});
});
