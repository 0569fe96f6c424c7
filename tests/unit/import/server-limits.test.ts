import { describe, expect, it } from 'vitest';
import { fetchRoomLimits } from '$lib/import/server-limits';
import { SHIPPED_LIMITS } from '$lib/protocol/limits';

const answering = (status: number, body: unknown): typeof fetch => (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;

describe('the room limits an import checks itself against', () => {
	it('are the server’s when it answers them', async () => {
		const raised = { maxDocBytes: 512 * 2 ** 20, maxItems: 5_000_000, shareBytes: 512 * 2 ** 20 };
		const urls: string[] = [];
		const fetcher = (async (url: string) => {
			urls.push(url);
			return new Response(JSON.stringify(raised));
		}) as typeof fetch;
		expect(await fetchRoomLimits('http://127.0.0.1:8787/', fetcher)).toEqual(raised);
		expect(urls).toEqual(['http://127.0.0.1:8787/api/limits']);
	});

	it('are the shipped ones when the server does not say (an older server, an error, garbage, offline)', async () => {
		expect(await fetchRoomLimits('', answering(404, { error: { code: 'not_found' } }))).toEqual(SHIPPED_LIMITS);
		expect(await fetchRoomLimits('', answering(200, { maxDocBytes: 'lots', maxItems: 1, shareBytes: 1 }))).toEqual(SHIPPED_LIMITS);
		expect(await fetchRoomLimits('', answering(200, { maxDocBytes: -1, maxItems: 1, shareBytes: 1 }))).toEqual(SHIPPED_LIMITS);
		const offline = (async () => {
			throw new TypeError('fetch failed');
		}) as typeof fetch;
		expect(await fetchRoomLimits('', offline)).toEqual(SHIPPED_LIMITS);
	});

	it('ask with the import’s token and say when it is not held to the daily share (the owner’s)', async () => {
		const seen: Array<string | null> = [];
		const answer = (body: unknown) =>
			(async (_url: string, init?: RequestInit) => {
				seen.push(new Headers(init?.headers).get('Authorization'));
				return new Response(JSON.stringify(body));
			}) as typeof fetch;
		const shipped = { ...SHIPPED_LIMITS };
		expect(await fetchRoomLimits('', answer({ ...shipped, shareExempt: true }), 'tok-owner')).toEqual({ ...shipped, shareExempt: true });
		expect(await fetchRoomLimits('', answer(shipped), 'tok-link')).toEqual(shipped);
		// Anything but `true` is no exemption.
		expect(await fetchRoomLimits('', answer({ ...shipped, shareExempt: 'yes' }), 'tok-link')).toEqual(shipped);
		expect(seen).toEqual(['Bearer tok-owner', 'Bearer tok-link', 'Bearer tok-link']);
	});
});
