import { FORECAST_CATEGORIES, type Deal, type ForecastCategory } from '../execution';
import { ArchiveFormatError, StringTable, packColumns, unpackColumns, type ColumnArray } from './columns';

/**
 * Closed deals of one period as columns (see columns.ts): what a period archive holds, and what
 * the metrics engine reads without building 250k deal objects. Every field of a Deal survives the
 * round trip exactly, stage history included.
 */

const TEXT_FIELDS = [
	'id',
	'name',
	'externalId',
	'customer',
	'segment',
	'region',
	'owner',
	'product',
	'currency',
	'stage',
	'expectedClose',
	'createdAt'
] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** A lost reason's index when the deal has none. */
const NONE = 0xffffffff;

export interface DealColumns {
	period: string;
	rows: number;
	strings: readonly string[];
	text: Record<TextField, Uint32Array>;
	lostReason: Uint32Array;
	amount: Float64Array;
	probability: Float64Array;
	forecastCategory: Uint8Array;
	/** Deal i's stage history is entries historyStart[i] … historyStart[i + 1] − 1. */
	historyStart: Uint32Array;
	historyStage: Uint32Array;
	historyAt: Uint32Array;
}

export function encodeDealArchive(period: string, deals: readonly Deal[]): Uint8Array {
	const strings = new StringTable();
	const rows = deals.length;
	const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, new Uint32Array(rows)])) as Record<TextField, Uint32Array>;
	const lostReason = new Uint32Array(rows);
	const amount = new Float64Array(rows);
	const probability = new Float64Array(rows);
	const forecastCategory = new Uint8Array(rows);
	const historyStart = new Uint32Array(rows + 1);
	const entries = deals.reduce((n, d) => n + d.stageHistory.length, 0);
	const historyStage = new Uint32Array(entries);
	const historyAt = new Uint32Array(entries);
	let h = 0;
	deals.forEach((deal, i) => {
		for (const field of TEXT_FIELDS) text[field][i] = strings.id(deal[field]);
		lostReason[i] = deal.lostReason === null ? NONE : strings.id(deal.lostReason);
		amount[i] = deal.amount;
		probability[i] = deal.probability;
		forecastCategory[i] = FORECAST_CATEGORIES.indexOf(deal.forecastCategory);
		historyStart[i] = h;
		for (const change of deal.stageHistory) {
			historyStage[h] = strings.id(change.stage);
			historyAt[h] = strings.id(change.at);
			h++;
		}
	});
	historyStart[rows] = h;
	const columns: Record<string, ColumnArray> = { ...text, lostReason, amount, probability, forecastCategory, historyStart, historyStage, historyAt };
	return packColumns({ kind: 'deals', period, rows, strings: strings.strings }, columns);
}

/** Reads a deal archive; a damaged or foreign one is refused (ArchiveFormatError), never half-read. */
export function decodeDealArchive(bytes: Uint8Array): DealColumns {
	const { header, columns } = unpackColumns(bytes);
	if (header.kind !== 'deals') throw new ArchiveFormatError(`not a deal archive (${header.kind})`);
	const rows = header.rows;
	const column = <T extends ColumnArray>(name: string, type: new (...args: never[]) => T, length: number): T => {
		const found = columns.get(name);
		if (!(found instanceof type) || found.length !== length) throw new ArchiveFormatError(`deal archive column ${name} is missing or malformed`);
		return found;
	};
	const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, column(f, Uint32Array, rows)])) as Record<TextField, Uint32Array>;
	const historyStart = column('historyStart', Uint32Array, rows + 1);
	const entries = historyStart[rows] ?? 0;
	const out: DealColumns = {
		period: header.period,
		rows,
		strings: header.strings,
		text,
		lostReason: column('lostReason', Uint32Array, rows),
		amount: column('amount', Float64Array, rows),
		probability: column('probability', Float64Array, rows),
		forecastCategory: column('forecastCategory', Uint8Array, rows),
		historyStart,
		historyStage: column('historyStage', Uint32Array, entries),
		historyAt: column('historyAt', Uint32Array, entries)
	};
	checkIndexes(out);
	return out;
}

/** Every index must point into the string table and the history offsets must ascend. */
function checkIndexes(c: DealColumns): void {
	const n = c.strings.length;
	const inTable = (array: Uint32Array, allowNone = false) => array.every((v) => v < n || (allowNone && v === NONE));
	const ok =
		TEXT_FIELDS.every((f) => inTable(c.text[f])) &&
		inTable(c.lostReason, true) &&
		inTable(c.historyStage) &&
		inTable(c.historyAt) &&
		c.forecastCategory.every((v) => v < FORECAST_CATEGORIES.length) &&
		c.historyStart.every((v, i) => i === 0 || v >= c.historyStart[i - 1]!) &&
		c.historyStart[0] === 0;
	if (!ok) throw new ArchiveFormatError('deal archive refers outside its own tables');
}

/** Deal i as a record (for a deal list or a reopen; metrics read the columns directly). */
export function dealAt(c: DealColumns, i: number): Deal {
	const s = (array: Uint32Array) => c.strings[array[i]!]!;
	const stageHistory = [];
	for (let h = c.historyStart[i]!; h < c.historyStart[i + 1]!; h++)
		stageHistory.push({ stage: c.strings[c.historyStage[h]!]!, at: c.strings[c.historyAt[h]!]! });
	const lost = c.lostReason[i]!;
	return {
		id: s(c.text.id),
		name: s(c.text.name),
		externalId: s(c.text.externalId),
		customer: s(c.text.customer),
		segment: s(c.text.segment),
		region: s(c.text.region),
		owner: s(c.text.owner),
		product: s(c.text.product),
		amount: c.amount[i]!,
		currency: s(c.text.currency),
		stage: s(c.text.stage),
		stageHistory,
		probability: c.probability[i]!,
		forecastCategory: FORECAST_CATEGORIES[c.forecastCategory[i]!] as ForecastCategory,
		expectedClose: s(c.text.expectedClose),
		lostReason: lost === NONE ? null : c.strings[lost]!,
		createdAt: s(c.text.createdAt)
	};
}
