import type * as Y from 'yjs';
import { MARKET_FACTS_SPEC, type MarketFacts } from '../domain/plan/section-specs';
import type { Competitor } from '../domain/plan/types';
import { COMPETITOR_SPEC } from '../domain/plan/validate';
import { readMapFields, setMapField } from './map-fields';
import { recordList } from './record-list';
import { planRoots } from './schema';

/** Market size and growth; the analysis and SWOT are collaborative texts (schema.ts). */
export const readMarketFacts = (doc: Y.Doc) => readMapFields(planRoots(doc).market, MARKET_FACTS_SPEC);

export const setMarketFact = <F extends keyof MarketFacts & string>(doc: Y.Doc, field: F, value: MarketFacts[F]) =>
	setMapField(planRoots(doc).market, MARKET_FACTS_SPEC, field, value);

/** The competitor matrix: share, price level, channel, strengths, weaknesses, recent moves. */
export const competitors = recordList<Competitor>({
	root: (doc) => planRoots(doc).competitors,
	spec: COMPETITOR_SPEC,
	prefix: 'c',
	blank: () => ({ name: '', sharePct: null, priceLevel: null, channel: '', strengths: '', weaknesses: '', recentMoves: '' })
});
