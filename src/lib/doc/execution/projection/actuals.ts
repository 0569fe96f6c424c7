/** Actuals (a map keyed by period|rep|region|product), each key re-read alone when it changes. */
import type { Actual } from '../../../domain/execution';
import { readActual, type QualityIssue } from '../../../domain/exec-read';
import type { ProjectionContext } from './context';

export class ActualsProjection {
	readonly byKey = new Map<string, Actual>();
	readonly issues = new Map<string, QualityIssue[]>();

	constructor(private readonly ctx: ProjectionContext) {}

	readKey(key: string): void {
		const { versions } = this.ctx;
		this.byKey.delete(key);
		if (this.issues.delete(key)) versions.quality++;
		const raw = this.ctx.roots.actuals.get(key);
		if (raw !== undefined) {
			const read = readActual(key, raw, this.ctx.rules);
			if (read.actual) this.byKey.set(key, read.actual);
			if (read.issues.length > 0) {
				this.issues.set(key, read.issues);
				versions.quality++;
			}
		}
		versions.actuals++;
	}

	readAll(): void {
		this.byKey.clear();
		this.issues.clear();
		this.ctx.roots.actuals.forEach((_, key) => this.readKey(key));
	}
}
