import * as Y from 'yjs';
import type { Rep } from '../../domain/execution';
import { readRep } from '../../domain/exec-read';
import { execRoots } from './schema';

/**
 * The execution document's own rep list (the `reps` root), kept only so the plan's team can take
 * these people in (doc/team.ts linkExecutionTeam): documents from before the one team list, and
 * older apps that still add reps there. Nothing else reads it. Bad values read as '' (reported by
 * the projection's data quality as before).
 */
export function readLegacyReps(doc: Y.Doc): Rep[] {
	const reps: Rep[] = [];
	execRoots(doc).reps.forEach((value, id) => reps.push(readRep(id, value instanceof Y.Map ? value.toJSON() : value).rep));
	return reps;
}
