/** Actuals (a map keyed by period|rep|region|product), each key re-read alone when it changes. */
import type { Actual } from '../../../domain/execution';
import type { FxMissing } from '../../../domain/fx';
import { readActual, type QualityIssue } from '../../../domain/exec-read';
import type { ProjectionContext } from './context';

export class ActualsProjection {
	readonly byKey = new Map<string, Actual>();
	readonly issues = new Map<string, QualityIssue[]>();
	/** Valid cells in a currency with no rate for their period ("not converted"), with their revenue as entered. */
	readonly unconverted = new Map<string, FxMissing & { revenue: number }>();

	constructor(private readonly ctx: ProjectionContext) {}

	readKey(key: string): void {
		const { versions } = this.ctx;
		this.byKey.delete(key);
		this.unconverted.delete(key);
		if (this.issues.delete(key)) versions.quality++;
		const raw = this.ctx.roots.actuals.get(key);
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
	}
}
