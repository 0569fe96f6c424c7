import { EXTRA_DOCS, dealShardDoc } from '../../src/lib/protocol/routes';
import type { Env } from '../env';

/** The plan's own room: it holds the registration and the token generation. */
export function planRoom(env: Env, planId: string) {
	return env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(planId));
}

/** The room of one extra document of a plan (`<planId>/execution`, `<planId>/deals-3`). */
export function docRoom(env: Env, planId: string, doc: string) {
	return env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(`${planId}/${doc}`));
}

/**
 * Every room of a plan: the plan's, one per extra document, and one per deal shard the execution
 * room's document lists (docs/architecture.md, "Deal shards").
 */
export async function allRooms(env: Env, planId: string) {
	const fixed = [planRoom(env, planId), ...EXTRA_DOCS.map((doc) => docRoom(env, planId, doc))];
	const shards = await docRoom(env, planId, 'execution').dealShards();
	return [...fixed, ...shards.map((name) => docRoom(env, planId, dealShardDoc(name)))];
}
