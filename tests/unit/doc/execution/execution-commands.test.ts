import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { executionCommands } from '$lib/doc/execution/execution-commands';
import { createProjection } from '$lib/doc/execution/projection';
import { execRoots } from '$lib/doc/execution/schema';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';

const deal = { amount: 1000, currency: 'CNY', expectedClose: '2026-03-31', createdAt: '2026-01-05', owner: 'a' };

function setup() {
	const doc = new Y.Doc();
	const origin = {};
	return { doc, origin, commands: executionCommands(doc, origin) };
}

describe('executionCommands — the execution verbs bound to one doc, as this person’s transactions', () => {
	it('each command is one transaction with the person’s origin (what their undo tracks)', () => {
		const { doc, origin, commands } = setup();
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tx: Y.Transaction) => origins.push(tx.origin));
		const added = commands.addDeal(deal);
		if (!added.ok) throw new Error('refused');
		expect(commands.setDealField(added.value, 'customer', 'Acme')).toBeNull();
		expect(origins).toEqual([origin, origin]);

		const undo = new Y.UndoManager(execRoots(doc).deals, { trackedOrigins: new Set([origin]) });
		commands.removeDeal(added.value);
		expect(execRoots(doc).deals.size).toBe(0);
		undo.undo();
		expect(execRoots(doc).deals.size).toBe(1);
	});

	it('returns the command’s own result and refuses bad values without storing them', () => {
		const { doc, commands } = setup();
		expect(commands.addDeal({ ...deal, amount: -5 })).toMatchObject({ ok: false, field: 'amount', issue: { code: 'belowMin' } });
		expect(execRoots(doc).deals.size).toBe(0);
		const rep = { value: 'r-wang' }; // the team is the plan's (doc/team.ts): any owner id will do here
		// The UI cannot write a second team list into the execution document.
		expect('addRep' in commands).toBe(false);
		expect(commands.setStages(DEFAULT_STAGES)).toBeNull();
		expect(commands.setActivityCount({ date: '2026-01-05', rep: rep.value, type: 'visit' }, 3)).toBeNull();
		expect(commands.setActual({ period: '2026-01', rep: rep.value, region: 'East', product: '—' }, { revenue: 500 })).toBeNull();
		expect(commands.setAdjustment('company', 'commit', 900, 'big deal')).toBeNull();
	});

	it('a deal moved through the pipeline, read back through the projection; a weekly review reads the week’s days', () => {
		const { doc, commands } = setup();
		commands.setStages(DEFAULT_STAGES);
		const added = commands.addDeal({ ...deal, stage: DEFAULT_STAGES[0]!.id });
		if (!added.ok) throw new Error('refused');
		const won = DEFAULT_STAGES.find((s) => s.isWon)!;
		expect(commands.moveDealToStage(added.value, won.id, '2026-01-07')).toBeNull();
		commands.setActivityCount({ date: '2026-01-06', rep: 'a', type: 'visit' }, 2);
		const projection = createProjection(doc, { currency: 'CNY' });
		expect(projection.dealsBehind({ limit: 10 })[0]).toMatchObject({ id: added.value, stage: won.id });
		const week = commands.weekReview(projection, '2026-01-05', '2026-01-11', { monthly: {} });
		expect(week.metrics.activities.flatMap((m) => Object.values(m.counts)).reduce((a, b) => a + b, 0)).toBe(2);
		projection.destroy();
	});
});
