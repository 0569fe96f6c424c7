import type * as Y from 'yjs';
import { STRATEGY_AREAS, type StrategyInitiative } from '../domain/plan/types';
import { sanitizeChoice, sanitizeText, type RecordSpec } from '../domain/plan/validate';
import { recordList } from './record-list';
import { planRoots } from './schema';

/** Strategy initiatives (product, price, channel, promotion); goals link to them (the R of SMART). */
export const INITIATIVE_SPEC: RecordSpec<StrategyInitiative> = {
	id: { read: (raw) => sanitizeText(raw, { required: true, maxLength: 200 }), fallback: () => '' },
	area: { read: (raw) => sanitizeChoice(raw, STRATEGY_AREAS), fallback: () => 'product' },
	title: { read: (raw) => sanitizeText(raw, { maxLength: 300 }), fallback: () => '' },
	description: { read: (raw) => sanitizeText(raw, { maxLength: 5000 }), fallback: () => '' }
};

export const initiatives = recordList<StrategyInitiative>({
	root: (doc) => planRoots(doc).initiatives,
	spec: INITIATIVE_SPEC,
	prefix: 's',
	blank: () => ({ area: 'product', title: '', description: '' })
});

export const readInitiatives = (doc: Y.Doc) => initiatives.read(doc);
export const addInitiative = (doc: Y.Doc, partial: Partial<StrategyInitiative> = {}) => initiatives.add(doc, partial);
export const setInitiativeField = initiatives.set;
export const removeInitiative = initiatives.remove;
