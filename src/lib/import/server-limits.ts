import { API_LIMITS, SHIPPED_LIMITS, type RoomLimits } from '../protocol/limits';

/**
 * The room limits the server at `baseUrl` enforces ('' = this origin), so an import's size check
 * agrees with a deployment that raised them. A server that does not answer, or answers with
 * something else, is assumed to ship the defaults: the room refuses what passes them anyway.
 */
export async function fetchRoomLimits(baseUrl: string, fetcher: typeof fetch = fetch): Promise<RoomLimits> {
	try {
		const res = await fetcher(`${baseUrl.replace(/\/+$/, '')}${API_LIMITS}`);
		if (!res.ok) return SHIPPED_LIMITS;
		const body = (await res.json()) as Partial<Record<keyof RoomLimits, unknown>>;
		const whole = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) > 0;
		if (!whole(body.maxDocBytes) || !whole(body.maxItems) || !whole(body.shareBytes)) return SHIPPED_LIMITS;
		return { maxDocBytes: body.maxDocBytes, maxItems: body.maxItems, shareBytes: body.shareBytes };
	} catch {
		return SHIPPED_LIMITS;
	}
}
