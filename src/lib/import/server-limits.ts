import { API_LIMITS, SHIPPED_LIMITS, type RoomLimits } from '../protocol/limits';

/**
 * The room limits the server at `baseUrl` enforces ('' = this origin), so an import's size check
 * agrees with a deployment that raised them. A server that does not answer, or answers with
 * something else, is assumed to ship the defaults: the room refuses what passes them anyway.
 * With `token` (the plan token the import will write with) the answer also says whether that
 * token is exempt from the per-link daily share (the owner's): the room exempts the same token.
 */
export async function fetchRoomLimits(baseUrl: string, fetcher: typeof fetch = fetch, token?: string): Promise<RoomLimits> {
	try {
		const res = await fetcher(`${baseUrl.replace(/\/+$/, '')}${API_LIMITS}`, token ? { headers: { Authorization: `Bearer ${token}` } } : undefined);
		if (!res.ok) return SHIPPED_LIMITS;
		const body = (await res.json()) as Partial<Record<keyof RoomLimits, unknown>>;
		const whole = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) > 0;
		if (!whole(body.maxDocBytes) || !whole(body.maxItems) || !whole(body.shareBytes)) return SHIPPED_LIMITS;
		return { maxDocBytes: body.maxDocBytes, maxItems: body.maxItems, shareBytes: body.shareBytes, ...(body.shareExempt === true ? { shareExempt: true } : {}) };
	} catch {
		return SHIPPED_LIMITS;
	}
}
