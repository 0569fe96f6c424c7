/**
 * Actuals (a map keyed by period|rep|region|product), each key re-read alone when it changes, plus
 * the archived months' cells (domain/archive/actual-archive.ts). An archived cell is read exactly as
 * a live one (same readActual: today's rules and rates, issues reported like live ones); a live
 * cell with the same key wins — it is a later edit — and deleting it lets the archived copy count
 * again. Archived cells are few (one per key and month, 45k for a 250-rep company's five years), so
 * they are kept as the raw records readActual takes.
 */
import { actualCells, actualDocKey, storedActual, type ActualColumns } from '../../../domain/archive/actual-archive';
import type { Actual } from '../../../domain/execution';
import type { FxMissing } from '../../../domain/fx';
import { readActual, type QualityIssue } from '../../../domain/exec-read';
import type { ProjectionContext } from './context';

export class ActualsProjection {
	readonly byKey = new Map<string, Actual>();
	readonly issues = new Map<string, QualityIssue[]>();
	/** Valid cells in a currency with no rate for their period ("not converted"), with their revenue as entered. */
	readonly unconverted = new Map<string, FxMissing & { revenue: number }>();

	/** Archived cells by doc key, as stored records. */
	#archived = new Map<string, Record<string, unknown>>();

	constructor(private readonly ctx: ProjectionContext) {}

	/** The archived months (replacing the ones given before): only keys whose archived record came, went or changed are re-read. */
	setArchives(months: readonly ActualColumns[]): void {
		const next = new Map<string, Record<string, unknown>>();
		for (const month of months) for (const cell of actualCells(month).values()) if (cell) next.set(actualDocKey(month.period, cell), storedActual(cell));
		const previous = this.#archived;
		this.#archived = next;
		for (const [key, raw] of next) if (!sameRecord(previous.get(key), raw)) this.readKey(key);
		for (const key of previous.keys()) if (!next.has(key)) this.readKey(key);
	}

	/** The archived record of a key, when an archive holds it (the form edits it there). */
	archived(key: string): Record<string, unknown> | undefined {
		return this.#archived.get(key);
	}

	readKey(key: string): void {
		const { versions } = this.ctx;
		this.byKey.delete(key);
		this.unconverted.delete(key);
		if (this.issues.delete(key)) versions.quality++;
		const raw = this.ctx.roots.actuals.get(key) ?? this.#archived.get(key);
		if (raw !== undefined) {
			const read = readActual(key, raw, this.ctx.rules);
			if (read.actual) this.byKey.set(key, read.actual);
			const revenue = (raw as { revenue?: unknown }).revenue;
			if (read.missing) this.unconverted.set(key, { ...read.missing, revenue: typeof revenue === 'number' ? revenue : 0 });
			if (read.issues.length > 0) {
				this.issues.set(key, read.issues);
				versions.quality++;
			}
		}
		versions.actuals++;
	}

	/** The rates changed: re-read only the cells in another currency (converted or not). */
	rereadForeign(): void {
		const keys = [...this.unconverted.keys()];
		for (const [key, actual] of this.byKey) if (actual.original !== undefined) keys.push(key);
		for (const key of keys) this.readKey(key);
		this.ctx.versions.quality++;
	}

	readAll(): void {
		this.byKey.clear();
		this.issues.clear();
		this.unconverted.clear();
		this.ctx.roots.actuals.forEach((_, key) => this.readKey(key));
		for (const key of this.#archived.keys()) if (!this.ctx.roots.actuals.has(key)) this.readKey(key);
	}
}

function sameRecord(a: Record<string, unknown> | undefined, b: Record<string, unknown>): boolean {
	if (!a) return false;
	const keys = Object.keys(b);
	return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}
