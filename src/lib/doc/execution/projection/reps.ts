/**
 * The team and the org tree built from it; re-read whole on any change. The team is the plan's
 * (set through the projection's setTeam, domain/team.ts); without a plan attached (the CLI's
 * export, benchmarks, documents not linked yet) the execution document's own legacy `reps` map.
 */
import type { Rep } from '../../../domain/execution';
import type { OrgNode } from '../../../domain/forecast-rollup';
import { orgNodes } from '../../../domain/org';
import { isPlainObject, readRep, type QualityIssue } from '../../../domain/exec-read';
import type { ProjectionContext } from './context';

export class RepsProjection {
	readonly byId = new Map<string, Rep>();
	issues: QualityIssue[] = [];
	nodes: OrgNode[] = [];

	constructor(private readonly ctx: ProjectionContext) {}

	read(): void {
		this.byId.clear();
		this.issues = [];
		if (this.ctx.team) {
			for (const rep of this.ctx.team)
				if (!this.byId.has(rep.id)) this.byId.set(rep.id, { id: rep.id, name: rep.name, team: rep.team, region: rep.region, hireDate: rep.hireDate });
			this.nodes = orgNodes([...this.byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
			return;
		}
		this.ctx.roots.reps.forEach((value, id) => {
			const read = readRep(id, isYMapLike(value) ? value.toJSON() : value);
			this.byId.set(id, read.rep);
			this.issues.push(...read.issues);
		});
		this.nodes = orgNodes([...this.byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
	}

	/** A rep changed: team filters and the roll-up follow. */
	onChange(): void {
		this.read();
		this.ctx.versions.org++;
		this.ctx.versions.quality++;
	}
}

function isYMapLike(value: unknown): value is { toJSON(): unknown } {
	return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function' && !isPlainObject(value);
}
