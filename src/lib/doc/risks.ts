import type * as Y from 'yjs';
import type { Risk } from '../domain/plan/types';
import { RISK_SPEC, type ValueIssue } from '../domain/plan/validate';
import { newRecordId, pushRecords, readRecords, removeRecord, setRecordField, type RecordView } from './record-list';
import { planRoots } from './schema';

export function readRisks(doc: Y.Doc): RecordView<Risk>[] {
	return readRecords(planRoots(doc).risks, RISK_SPEC);
}

export function addRisk(doc: Y.Doc, partial: Partial<Risk> = {}): string {
	const risk: Risk = { id: newRecordId('k'), category: 'execution', title: '', likelihood: 3, impact: 3, mitigation: '', owner: '', ...partial };
	doc.transact(() => pushRecords(planRoots(doc).risks, [risk]));
	return risk.id;
}

export function setRiskField<F extends Exclude<keyof Risk, 'id'>>(doc: Y.Doc, id: string, field: F, value: Risk[F]): ValueIssue | null {
	return setRecordField(planRoots(doc).risks, RISK_SPEC, id, field, value);
}

export function removeRisk(doc: Y.Doc, id: string): void {
	removeRecord(planRoots(doc).risks, id);
}
