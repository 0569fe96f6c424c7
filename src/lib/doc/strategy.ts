import type * as Y from 'yjs';
import { STRATEGY_AREAS, type StrategyInitiative } from '../domain/plan/types';
import { sanitizeChoice, sanitizeText, type RecordSpec, type ValueIssue } from '../domain/plan/validate';
import { newRecordId, pushRecords, readRecords, removeRecord, setRecordField, type RecordView } from './record-list';
import { planRoots } from './schema';

/** Strategy initiatives (product, price, channel, promotion); goals link to them (the R of SMART). */
export const INITIATIVE_SPEC: RecordSpec<StrategyInitiative> = {
	id: { read: (raw) => sanitizeText(raw, { required: true, maxLength: 200 }), fallback: () => '' },
	area: { read: (raw) => sanitizeChoice(raw, STRATEGY_AREAS), fallback: () => 'product' },
	title: { read: (raw) => sanitizeText(raw, { maxLength: 300 }), fallback: () => '' },
	description: { read: (raw) => sanitizeText(raw, { maxLength: 5000 }), fallback: () => '' }
};

export function readInitiatives(doc: Y.Doc): RecordView<StrategyInitiative>[] {
	return readRecords(planRoots(doc).initiatives, INITIATIVE_SPEC);
}

export function addInitiative(doc: Y.Doc, partial: Partial<StrategyInitiative> = {}): string {
	const initiative: StrategyInitiative = { id: newRecordId('s'), area: 'product', title: '', description: '', ...partial };
	doc.transact(() => pushRecords(planRoots(doc).initiatives, [initiative]));
	return initiative.id;
}

export function setInitiativeField<F extends Exclude<keyof StrategyInitiative, 'id'>>(
	doc: Y.Doc,
	id: string,
	field: F,
	value: StrategyInitiative[F]
): ValueIssue | null {
	return setRecordField(planRoots(doc).initiatives, INITIATIVE_SPEC, id, field, value);
}

export function removeInitiative(doc: Y.Doc, id: string): void {
	removeRecord(planRoots(doc).initiatives, id);
}
