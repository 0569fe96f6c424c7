import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { commissionTiers, kpiWeights, readIncentiveSettings } from '$lib/doc/incentives';
import { MIGRATION_ORIGIN, migrate } from '$lib/doc/migrations';
import { newerSchemaVersion, resetNewerSchemaVersion } from '$lib/doc/newer-schema';
import { readOverview } from '$lib/doc/overview';
import { playbook } from '$lib/doc/playbook';
import { readRisks } from '$lib/doc/risks';
import { SCHEMA_VERSION, planRoots, schemaVersion } from '$lib/doc/schema';
import { seedPlan } from '$lib/doc/seed-plan';
import { createUndoManager } from '$lib/doc/undo';
import { weightsByRole } from '$lib/domain/plan/incentive-rules';

/** A plan saved by the version-1 app (session 1): b2bLongCycle template, a risk, a task, an initiative. */
function v1Plan(): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(readFileSync(new URL('./fixtures/plan-v1.bin', import.meta.url))));
	return doc;
}

const plainState = (doc: Y.Doc) => Object.fromEntries([...doc.share.keys()].sort().map((name) => [name, doc.get(name).toJSON()]));

describe('migrations', () => {
	it('the fixture really is a version-1 plan', () => {
		const doc = v1Plan();
		expect(schemaVersion(doc)).toBe(1);
		expect(planRoots(doc).kpiWeights.length).toBe(0);
	});

	it('migrates version 1 to the current version, adding the template scaffolding and keeping every v1 value', () => {
		const doc = v1Plan();
		const before = { overview: readOverview(doc).values, risks: readRisks(doc), summary: planRoots(doc).summary.toString() };
		expect(migrate(doc, { language: 'en' })).toEqual({ kind: 'migrated', from: 1, to: SCHEMA_VERSION });
		expect(schemaVersion(doc)).toBe(SCHEMA_VERSION);
		expect(readOverview(doc).values).toEqual(before.overview);
		expect(readRisks(doc)).toEqual(before.risks);
		expect(planRoots(doc).summary.toString()).toBe(before.summary);
		// b2bLongCycle: rep KPI weights adding to 100, two accelerator tiers, base rate 3%, playbook outline.
		const roles = weightsByRole(kpiWeights.read(doc).map((r) => r.value));
		expect(roles).toHaveLength(1);
		expect(roles[0]).toMatchObject({ role: 'Sales rep', sumPct: 100, complete: true });
		expect(commissionTiers.read(doc).map((r) => r.value.fromAttainmentPct)).toEqual([100, 130]);
		expect(readIncentiveSettings(doc).value).toMatchObject({ baseRatePct: 3, teamMinAttainmentPct: 80, teamBoostPct: 10 });
		expect(playbook.read(doc).map((r) => r.value.kind)).toEqual(['persona', 'valueProposition', 'talkTrack', 'objection', 'material', 'mentor']);
		expect(playbook.text(doc, playbook.read(doc)[0]!.value.id, 'body')).toBeInstanceOf(Y.Text);
	});

	it('is idempotent: a second run changes nothing', () => {
		const doc = v1Plan();
		migrate(doc, { language: 'en' });
		const after = plainState(doc);
		expect(migrate(doc, { language: 'en' })).toEqual({ kind: 'current' });
		expect(plainState(doc)).toEqual(after);
	});

	it('writes labels in the given language', () => {
		const doc = v1Plan();
		migrate(doc, { language: 'zh-CN' });
		expect(kpiWeights.read(doc)[0]!.value).toMatchObject({ role: '销售代表', kpi: '销售额' });
	});

	it('two peers migrating the same v1 plan offline converge and show each scaffold record once', () => {
		const a = v1Plan();
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		migrate(a, { language: 'en' });
		migrate(b, { language: 'en' });
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(plainState(a)).toEqual(plainState(b));
		expect(kpiWeights.read(a)).toHaveLength(5);
		expect(playbook.read(a)).toHaveLength(6);
		// An edit after the merge lands on the record everyone sees.
		const first = kpiWeights.read(a)[0]!.value.id;
		kpiWeights.set(b, first, 'weightPct', 35);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		expect(kpiWeights.read(a)[0]!.value.weightPct).toBe(35);
	});

	it('cannot be undone by the person whose app ran it', () => {
		const doc = v1Plan();
		const undo = createUndoManager(doc, {});
		migrate(doc, { language: 'en' });
		expect(undo.canUndo()).toBe(false);
		expect(MIGRATION_ORIGIN).toBeTruthy();
	});

	it('reports a plan written by a newer app and leaves it untouched', () => {
		const doc = v1Plan();
		planRoots(doc).meta.set('schemaVersion', SCHEMA_VERSION + 1);
		const before = plainState(doc);
		expect(migrate(doc, { language: 'en' })).toEqual({ kind: 'newer', version: SCHEMA_VERSION + 1 });
		expect(plainState(doc)).toEqual(before);
	});

	it('leaves an empty document alone (content comes from the server)', () => {
		const doc = new Y.Doc();
		let updates = 0;
		doc.on('update', () => updates++);
		expect(migrate(doc, { language: 'en' })).toEqual({ kind: 'empty' });
		expect(updates).toBe(0);
	});

	it('a new plan is created at the current version with the same scaffolding a migration adds', () => {
		const fresh = new Y.Doc();
		seedPlan(fresh, { overview: { title: 'x' }, template: 'b2bLongCycle', language: 'en' });
		expect(schemaVersion(fresh)).toBe(SCHEMA_VERSION);
		const migrated = v1Plan();
		migrate(migrated, { language: 'en' });
		const shape = (doc: Y.Doc) => ({
			kpis: kpiWeights.read(doc).map((r) => r.value),
			tiers: commissionTiers.read(doc).map((r) => r.value),
			playbook: playbook.read(doc).map((r) => r.value),
			settings: readIncentiveSettings(doc).value
		});
		expect(shape(fresh)).toEqual(shape(migrated));
	});

	it('the blank template scaffolds nothing', () => {
		const doc = new Y.Doc();
		seedPlan(doc, { overview: { title: 'x' }, template: 'blank' });
		expect(kpiWeights.read(doc)).toEqual([]);
		expect(playbook.read(doc)).toEqual([]);
	});
});

describe('a plan marked by a newer app', () => {
	it('is detected, and only a newer marker can be reset — to this version, outside anyone’s undo', () => {
		const doc = new Y.Doc();
		seedPlan(doc, { overview: { title: 'Plan' }, template: 'b2bLongCycle' });
		expect(newerSchemaVersion(doc)).toBeNull();
		expect(resetNewerSchemaVersion(doc)).toBe(false);
		expect(schemaVersion(doc)).toBe(SCHEMA_VERSION);

		const undo = createUndoManager(doc, {});
		planRoots(doc).meta.set('schemaVersion', 99);
		expect(newerSchemaVersion(doc)).toBe(99);
		// Known data stays editable: the migration refuses, nothing else is rewritten.
		expect(migrate(doc, { language: 'en' })).toEqual({ kind: 'newer', version: 99 });
		expect(resetNewerSchemaVersion(doc)).toBe(true);
		expect(schemaVersion(doc)).toBe(SCHEMA_VERSION);
		expect(newerSchemaVersion(doc)).toBeNull();
		expect(undo.canUndo()).toBe(false);
	});
});
