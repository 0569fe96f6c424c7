import { API_PLANS, apiPlanRevoke, apiPlanTokens, type CreatePlanResponse, type MintTokenResponse, type RevokeResponse } from '../protocol/routes';
import type { ApiErrorBody } from '../protocol/errors';

/** A failed API call with the server's code and message. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

async function call<T>(path: string, init: RequestInit): Promise<T> {
	const res = await fetch(path, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
	const body = (await res.json().catch(() => null)) as (T & Partial<ApiErrorBody>) | null;
	if (!res.ok) {
		throw new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `HTTP ${res.status}`);
	}
	return body as T;
}

export function registerPlan(planId: string, title: string, registrationKey: string): Promise<CreatePlanResponse> {
	return call(API_PLANS, { method: 'POST', body: JSON.stringify({ planId, title, registrationKey }) });
}

export function mintShareToken(planId: string, editToken: string, role: 'edit' | 'view', ttlDays: number) {
	return call<MintTokenResponse>(apiPlanTokens(planId), {
		method: 'POST',
		headers: { Authorization: `Bearer ${editToken}` },
		body: JSON.stringify({ role, ttlDays })
	});
}

/** "Revoke all links" with the owner's token; answers the owner's new tokens. */
export function revokeAllLinks(planId: string, ownerToken: string) {
	return call<RevokeResponse>(apiPlanRevoke(planId), { method: 'POST', headers: { Authorization: `Bearer ${ownerToken}` } });
}

/** ws(s)://host/sync for the page's own origin. */
export function syncServerUrl(location: Location): string {
	return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/sync`;
}
