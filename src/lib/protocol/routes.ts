/** URL shapes shared by the client and the Worker. */
export const API_PLANS = '/api/plans';
export const apiPlanTokens = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/tokens`;
/** POST with the owner's token: revokes every link of the plan (see RevokeResponse). */
export const apiPlanRevoke = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/revoke`;
/** y-websocket appends `/<room>` to the server URL, so the room name is the plan id. */
export const SYNC_BASE = '/sync';

/**
 * The documents of one plan's sync space. `plan` is the plan itself (`/sync/<id>`); the
 * execution data (deals, activities, actuals) is a separate document (`/sync/<id>/execution`)
 * with its own room, so a plan with 100k deals still opens fast and each has its own size cap.
 * One token opens every document of its plan.
 */
export const EXTRA_DOCS = ['execution'] as const;

/**
 * Deal shards (docs/architecture.md, "Deal shards"): a plan with many live deals holds them in
 * more documents, `deals-<name>`, each its own room. Names are what the execution document's
 * `dealShards` root lists (doc/execution/deal-shards.ts): a whole number from 1 to 4095, written
 * without leading zeros, so a room name is never ambiguous and a plan has a bounded number.
 */
export const DEAL_SHARD_PREFIX = 'deals-';
export const MAX_DEAL_SHARD = 4095;
export type DealShardDoc = `deals-${string}`;
export type PlanDocName = 'plan' | (typeof EXTRA_DOCS)[number] | DealShardDoc;

/** A shard name as stored in `dealShards` ('1' … '4095'). */
export function isDealShardName(name: string): boolean {
	return /^[1-9][0-9]{0,3}$/.test(name) && Number(name) <= MAX_DEAL_SHARD;
}

export const dealShardDoc = (name: string): DealShardDoc => `${DEAL_SHARD_PREFIX}${name}`;

/** The shard a document name opens (`deals-7` → '7'), or null when it is not a valid shard's. */
export function dealShardOf(doc: string): string | null {
	if (!doc.startsWith(DEAL_SHARD_PREFIX)) return null;
	const name = doc.slice(DEAL_SHARD_PREFIX.length);
	return isDealShardName(name) ? name : null;
}

export function isExtraDoc(name: string): name is (typeof EXTRA_DOCS)[number] | DealShardDoc {
	return (EXTRA_DOCS as readonly string[]).includes(name) || dealShardOf(name) !== null;
}

/** The room path below SYNC_BASE: `<planId>` or `<planId>/<doc>`. */
export function syncRoom(planId: string, doc: PlanDocName = 'plan'): string {
	return doc === 'plan' ? encodeURIComponent(planId) : `${encodeURIComponent(planId)}/${doc}`;
}

export interface CreatePlanRequest {
	planId?: string;
	title?: string;
	/**
	 * Optional secret chosen by the client. Registering the same id again with the same
	 * key answers 200 with the same tokens instead of 409, so a registration whose answer
	 * was lost on a bad network can be retried safely (until the owner revokes links).
	 */
	registrationKey?: string;
}
export interface CreatePlanResponse {
	planId: string;
	tokens: { edit: string; view: string };
}
/** Answer to "Revoke all links": the plan's new token generation and the owner's new tokens. */
export interface RevokeResponse {
	generation: number;
	tokens: { edit: string; view: string };
}
export interface MintTokenRequest {
	role: 'edit' | 'view';
	ttlDays: number;
}
export interface MintTokenResponse {
	token: string;
	role: 'edit' | 'view';
	expiresAt: string;
}

/** Share links carry the token in the fragment so it never reaches a server log. */
export function shareLink(origin: string, planId: string, token: string): string {
	return `${origin}/plan/${encodeURIComponent(planId)}#token=${encodeURIComponent(token)}`;
}
