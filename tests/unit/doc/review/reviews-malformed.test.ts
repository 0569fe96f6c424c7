import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addFiveWhys, chainText, createReview, findReview, readReviews, whyText } from '$lib/doc/reviews';
import { planRoots } from '$lib/doc/schema';
import type { ReviewMetricsInput } from '$lib/domain/review';

/** The smallest metrics a review freezes: nothing happened in the month. */
const NO_METRICS: ReviewMetricsInput = {
	dealCount: 0,
	winRate: { won: 0, lost: 0, winRatePct: null },
	averageDealSize: null,
	coverage: { openPipeline: 0, coverage: null },
	weightedPipeline: [],
	funnel: { rows: [] },
	attainment: { byRep: [], byRegion: [] },
	actualByMonth: [],
	activities: []
};

function planWithReview(): { doc: Y.Doc; id: string; map: Y.Map<unknown> } {
	const doc = new Y.Doc();
	const created = createReview(
		doc,
		NO_METRICS,
		{},
		{ kind: 'monthly', period: { from: '2025-03', to: '2025-03' }, by: 'Alice', at: '2025-04-02T09:00:00Z', id: 'rv-1' }
	);
	if (!created.ok) throw new Error('review refused');
	return { doc, id: created.id, map: planRoots(doc).reviews.get(0) };
}

/** A review map as a peer might store it: only the fields given, set after it is in the doc. */
function peerReview(doc: Y.Doc, fields: Record<string, unknown>): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	planRoots(doc).reviews.push([map]);
	for (const [key, value] of Object.entries(fields)) map.set(key, value);
	return map;
}

describe('reviews — reading a peer’s malformed records', () => {
	it('a review written by this app reads back with no issues', () => {
		const { doc, id } = planWithReview();
		const [view] = readReviews(doc);
		expect(view).toMatchObject({
			invalid: false,
			issues: [],
			review: { id, kind: 'monthly', period: { from: '2025-03', to: '2025-03' }, createdBy: 'Alice', wentRight: '', fiveWhys: [] }
		});
		expect(view?.invalid === false && view.review.snapshot).not.toBeNull();
	});

	it('an id that is empty, not text or too long makes the whole review unreadable (nothing could find it)', () => {
		const doc = new Y.Doc();
		for (const id of ['', 7, 'x'.repeat(201)]) peerReview(doc, { id, kind: 'monthly' });
		expect(readReviews(doc).map((v) => v.invalid)).toEqual([true, true, true]);
		expect(readReviews(doc)[0]).toMatchObject({ invalid: true, raw: { id: '', kind: 'monthly' } });
	});

	it('each bad field is named and read as its empty value; the rest of the review stays usable', () => {
		const doc = new Y.Doc();
		peerReview(doc, {
			id: 'rv-p',
			kind: 'weekly',
			from: '2025-03-10',
			to: '2025-03-03',
			createdBy: 42,
			createdAt: 'x'.repeat(41),
			wentRight: 'plain string, not a shared text'
		});
		const [view] = readReviews(doc);
		expect(view).toMatchObject({ invalid: false, issues: ['period', 'createdBy', 'createdAt', 'snapshot'] });
		expect(view?.invalid === false && view.review).toMatchObject({
			kind: 'weekly',
			period: { from: '', to: '' },
			createdBy: '',
			createdAt: '',
			snapshot: null,
			wentRight: ''
		});
	});

	it('an empty author is kept (only its type and length are checked), as before', () => {
		const doc = new Y.Doc();
		peerReview(doc, { id: 'rv-e', kind: 'quarterly', from: '2025-01', to: '2025-03', createdBy: '', createdAt: '' });
		expect(readReviews(doc)[0]).toMatchObject({ invalid: false, issues: ['snapshot'], review: { createdBy: '', createdAt: '' } });
	});

	it('a bad five-whys chain is reported once and the good chains beside it are still shown', () => {
		const { doc, id, map } = planWithReview();
		const good = addFiveWhys(doc, id, 'revenue', 'why-good')!;
		(map.get('fiveWhys') as Y.Array<unknown>).push(['not a chain', new Y.Map(), Y.Array.from([1])]);
		const badKey = new Y.Map<unknown>();
		(map.get('fiveWhys') as Y.Array<unknown>).push([badKey]);
		badKey.set('id', 'why-bad');
		badKey.set('deviationKey', 'k'.repeat(301));
		whyText(doc, id, good, 0)!.insert(0, 'Too few visits');
		chainText(doc, id, good, 'rootCause')!.insert(0, 'No territory plan');
		const [view] = readReviews(doc);
		expect(view?.invalid === false && view.issues).toEqual(['fiveWhys']);
		expect(view?.invalid === false && view.review.fiveWhys).toEqual([
			{ id: 'why-good', deviationKey: 'revenue', whys: ['Too few visits', '', '', '', ''], rootCause: 'No territory plan', countermeasure: '' }
		]);
	});

	it('a chain whose whys are not a list, or hold non-texts, reads what it can without throwing', () => {
		const { doc, id, map } = planWithReview();
		const chain = new Y.Map<unknown>();
		(map.get('fiveWhys') as Y.Array<unknown>).push([chain]);
		chain.set('id', 'why-odd');
		chain.set('deviationKey', 'revenue');
		const whys = new Y.Array<unknown>();
		chain.set('whys', whys);
		whys.push([new Y.Text('first'), 3, 'loose string']);
		chain.set('rootCause', 'plain');
		expect(findReview(doc, id)?.fiveWhys).toEqual([{ id: 'why-odd', deviationKey: 'revenue', whys: ['first', '', ''], rootCause: '', countermeasure: '' }]);
		chain.set('whys', 'nope');
		expect(findReview(doc, id)?.fiveWhys[0]?.whys).toEqual([]);
	});

	it('two reviews with one id (two peers offline): the first in the merged order is the one shown', () => {
		const { doc } = planWithReview();
		peerReview(doc, { id: 'rv-1', kind: 'weekly' });
		expect(readReviews(doc).map((v) => (v.invalid ? null : v.review.kind))).toEqual(['monthly']);
	});
});
