/**
 * What the per-root sub-projections share: the doc's roots, the current rules, and the version
 * counters the cached dashboard sections are keyed on (bumped when an input of a section changes).
 */
import type { ExecRules } from '../../../domain/exec-read';
import type { Rep } from '../../../domain/execution';
import type { ExecRoots } from '../schema';
import { DealDocs } from './deal-docs';

export interface SectionVersions {
	deals: number;
	activities: number;
	actuals: number;
	quality: number;
	org: number;
}

export interface ProjectionContext {
	readonly roots: ExecRoots;
	/** The documents holding live deals: the execution document's roots above, then opened shards. */
	readonly dealDocs: DealDocs;
	rules: ExecRules;
	/** The plan's team (doc/team.ts readTeam), or null: the execution document's own legacy list. */
	team: readonly Rep[] | null;
	readonly versions: SectionVersions;
}

export function createContext(roots: ExecRoots, rules: ExecRules): ProjectionContext {
	return { roots, dealDocs: new DealDocs(roots), rules, team: null, versions: { deals: 0, activities: 0, actuals: 0, quality: 0, org: 0 } };
}

/** A Y item as seen in `event.changes`: its JSON content is still readable during observers. */
interface ItemLike {
	content: { getContent(): unknown[] };
}

/** The JSON entries of the items an array event added or deleted. */
export function itemContents(items: Set<unknown>): unknown[][] {
	return [...(items as Set<ItemLike>)].map((item) => item.content.getContent());
}
