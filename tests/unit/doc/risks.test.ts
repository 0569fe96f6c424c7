import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addRisk, readRisks, removeRisk, setRiskField } from '$lib/doc/risks';
import { planRoots } from '$lib/doc/schema';

describe('doc — risks', () => {
	it('stores validated risks and reports a peer’s out-of-scale rating', () => {
		const doc = new Y.Doc();
		const id = addRisk(doc, { title: 'Competitor price war' });
		expect(setRiskField(doc, id, 'likelihood', 6)?.code).toBe('aboveMax');
		expect(setRiskField(doc, id, 'impact', 2.5)?.code).toBe('notInteger');
		expect(setRiskField(doc, id, 'category', 'weather' as never)?.code).toBe('choice');
		expect(setRiskField(doc, id, 'likelihood', 4)).toBeNull();
		expect(readRisks(doc)[0]!.value).toMatchObject({ title: 'Competitor price war', likelihood: 4, impact: 3 });
		(planRoots(doc).risks.get(0) as Y.Map<unknown>).set('impact', 'huge');
		const [view] = readRisks(doc);
		expect(view!.issues.impact?.code).toBe('notNumber');
		expect(view!.raw.impact).toBe('huge');
		removeRisk(doc, id);
		expect(readRisks(doc)).toEqual([]);
	});
});
