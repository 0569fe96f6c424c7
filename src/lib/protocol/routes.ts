/** URL shapes shared by the client and the Worker. */
export const API_PLANS = '/api/plans';
export const apiPlanTokens = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/tokens`;
/** y-websocket appends `/<room>` to the server URL, so the room name is the plan id. */
export const SYNC_BASE = '/sync';

export interface CreatePlanRequest {
	planId?: string;
	title?: string;
	/**
	 * Optional secret chosen by the client. Registering the same id again with the same
	 * key answers 200 with fresh tokens instead of 409, so a registration whose answer
	 * was lost on a bad network can be retried safely.
	 */
	registrationKey?: string;
}
export interface CreatePlanResponse {
	planId: string;
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
