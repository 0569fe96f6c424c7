import { EXTRA_DOCS } from '../../src/lib/protocol/routes';
import type { Env } from '../env';

/** The plan's own room: it holds the registration and the token generation. */
export function planRoom(env: Env, planId: string) {
	return env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(planId));
}

/** Every room of a plan: the plan's and one per extra document (`<planId>/execution`). */
export function allRooms(env: Env, planId: string) {
	return [planRoom(env, planId), ...EXTRA_DOCS.map((doc) => env.PLAN_ROOM.get(env.PLAN_ROOM.idFromName(`${planId}/${doc}`)))];
}
