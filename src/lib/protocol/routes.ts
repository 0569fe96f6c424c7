/** URL shapes shared by the client and the Worker. */
export const API_PLANS = '/api/plans';
export const apiPlanTokens = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/tokens`;
/** y-websocket appends `/<room>` to the server URL, so the room name is the plan id. */
export const SYNC_BASE = '/sync';

export interface CreatePlanRequest {
	planId?: string;
	title?: string;
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
