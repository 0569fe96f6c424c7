import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64url, fromBase64url, isPlanId, newPlanId } from '$lib/protocol/plan-id';
import { TOKEN_VERSION, isRole, isTokenClaims, readClaims, type Role, type TokenClaims } from '$lib/protocol/token';

/** The Worker's signing module (functions/auth/token-signing.ts), as far as these tests use it. */
interface Signing {
	signToken(secret: string, planId: string, role: Role, ttlDays: number, now?: number): Promise<{ token: string; claims: TokenClaims }>;
	verifyToken(
		secret: string,
		token: string,
		now?: number
	): Promise<{ ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' }>;
}
// Loaded by path at run time: a static import would pull functions/ (typed for workerd, not
// the DOM lib) into the root svelte-check program, where its BufferSource use does not type.
const SIGNING_MODULE = '../../../functions/auth/token-signing';
const { signToken, verifyToken } = (await import(/* @vite-ignore */ SIGNING_MODULE)) as Signing;

const CLAIMS: TokenClaims = { pid: 'plan_abcdefgh12', role: 'edit', exp: 1_900_000_000, iat: 1_800_000_000 };
const encoder = new TextEncoder();

/** A token with any JSON body; the signature part is irrelevant to readClaims. */
function tokenWith(body: unknown, version = TOKEN_VERSION): string {
	const json = typeof body === 'string' ? body : JSON.stringify(body);
	return `${version}.${base64url(encoder.encode(json))}.c2lnbmF0dXJl`;
}

describe('readClaims', () => {
	it('reads valid claims', () => {
		expect(readClaims(tokenWith(CLAIMS))).toEqual(CLAIMS);
		expect(readClaims(tokenWith({ ...CLAIMS, role: 'view' }))).toEqual({ ...CLAIMS, role: 'view' });
	});

	it('reads claims with non-ASCII content (UTF-8 in the body)', () => {
		const claims = { ...CLAIMS, pid: '计划-abcdefgh' };
		expect(readClaims(tokenWith(claims))).toEqual(claims);
	});

	it.each([
		{ name: 'wrong version', token: tokenWith(CLAIMS, 'v2') },
		{ name: 'no version', token: tokenWith(CLAIMS, '') },
		{ name: 'two parts', token: `v1.${base64url(encoder.encode(JSON.stringify(CLAIMS)))}` },
		{ name: 'four parts', token: `${tokenWith(CLAIMS)}.extra` },
		{ name: 'empty string', token: '' },
		{ name: 'bad base64url (standard alphabet)', token: `v1.${btoa(JSON.stringify(CLAIMS)).replace(/=+$/, '')}+/.sig` },
		{ name: 'bad base64url (padding)', token: `v1.${base64url(encoder.encode(JSON.stringify(CLAIMS)))}==.sig` },
		{ name: 'bad base64 length', token: 'v1.a.sig' },
		{ name: 'bad JSON', token: tokenWith('{"pid":"x",') },
		{ name: 'JSON null', token: tokenWith('null') },
		{ name: 'JSON array', token: tokenWith([CLAIMS]) },
		{ name: 'JSON string', token: tokenWith('"v1"') },
		{ name: 'missing pid', token: tokenWith({ role: 'edit', exp: 2, iat: 1 }) },
		{ name: 'missing role', token: tokenWith({ pid: 'p', exp: 2, iat: 1 }) },
		{ name: 'missing exp', token: tokenWith({ pid: 'p', role: 'edit', iat: 1 }) },
		{ name: 'missing iat', token: tokenWith({ pid: 'p', role: 'edit', exp: 2 }) },
		{ name: 'wrong role', token: tokenWith({ ...CLAIMS, role: 'admin' }) },
		{ name: 'role in capitals', token: tokenWith({ ...CLAIMS, role: 'EDIT' }) },
		{ name: 'exp as string', token: tokenWith({ ...CLAIMS, exp: '1900000000' }) },
		{ name: 'exp fractional', token: tokenWith({ ...CLAIMS, exp: 1.5 }) },
		{ name: 'exp beyond safe integers', token: tokenWith({ ...CLAIMS, exp: 2 ** 60 }) },
		{ name: 'pid as number', token: tokenWith({ ...CLAIMS, pid: 12345678901 }) }
	])('$name → null', ({ token }) => {
		expect(readClaims(token)).toBeNull();
	});

	it('property: never throws on arbitrary input', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), fc.string(), (a, b, c) => {
				const result = readClaims(`${a}.${b}.${c}`);
				expect(result === null || isTokenClaims(result)).toBe(true);
				expect(() => readClaims(`v1.${b}.${c}`)).not.toThrow();
			}),
			{ seed: 5 }
		);
	});
});

describe('isRole / isTokenClaims', () => {
	it('accepts only edit and view', () => {
		expect(isRole('edit')).toBe(true);
		expect(isRole('view')).toBe(true);
		expect(isRole('owner')).toBe(false);
		expect(isRole(undefined)).toBe(false);
	});

	it('checks every field', () => {
		expect(isTokenClaims(CLAIMS)).toBe(true);
		expect(isTokenClaims({ ...CLAIMS, iat: Number.NaN })).toBe(false);
		expect(isTokenClaims(null)).toBe(false);
		expect(isTokenClaims('v1')).toBe(false);
	});
});

describe('plan ids and base64url', () => {
	it.each([
		{ id: 'abcdefghij', ok: true },
		{ id: 'A'.repeat(64), ok: true },
		{ id: 'plan_2026-Q1_east', ok: true },
		{ id: 'abcdefghi', ok: false },
		{ id: 'A'.repeat(65), ok: false },
		{ id: 'plan id with spaces', ok: false },
		{ id: 'plan/../../etc', ok: false },
		{ id: 'abcdefghij\n', ok: false },
		{ id: '计划计划计划计划计划计划', ok: false },
		{ id: 1234567890123, ok: false },
		{ id: null, ok: false }
	])('isPlanId($id) → $ok', ({ id, ok }) => {
		expect(isPlanId(id)).toBe(ok);
	});

	it('newPlanId makes 22 base64url characters of 16 random bytes, and different ids', () => {
		const ids = new Set<string>();
		for (let i = 0; i < 50; i++) {
			const id = newPlanId();
			expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
			expect(isPlanId(id)).toBe(true);
			expect(fromBase64url(id)).toHaveLength(16);
			ids.add(id);
		}
		expect(ids.size).toBe(50);
	});

	it.each([
		{ bytes: [], text: '' },
		{ bytes: [0], text: 'AA' },
		{ bytes: [0xff], text: '_w' },
		{ bytes: [0xfb, 0xff], text: '-_8' },
		{ bytes: [1, 2, 3], text: 'AQID' },
		{ bytes: [0xfa, 0xfb, 0xfc, 0xfd], text: '-vv8_Q' }
	])('base64url($bytes) = "$text" and back', ({ bytes, text }) => {
		expect(base64url(new Uint8Array(bytes))).toBe(text);
		expect([...fromBase64url(text)]).toEqual(bytes);
	});

	it('fromBase64url rejects characters outside the alphabet', () => {
		for (const bad of ['ab+c', 'ab/c', 'abc=', 'ab c', 'ä']) {
			expect(() => fromBase64url(bad)).toThrow();
		}
	});

	it('property: bytes → base64url → bytes round trips, with no padding or +/', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
				const text = base64url(bytes);
				expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
				expect(fromBase64url(text)).toEqual(bytes);
			}),
			{ seed: 3 }
		);
	});
});

describe('signToken / verifyToken', () => {
	const SECRET = 'unit-test-secret';
	const NOW = Date.UTC(2026, 0, 15, 12);

	it('sign → verify gives back the claims', async () => {
		const { token, claims } = await signToken(SECRET, 'plan_abcdefgh12', 'view', 30, NOW);
		expect(token.startsWith(`${TOKEN_VERSION}.`)).toBe(true);
		expect(claims).toEqual({
			pid: 'plan_abcdefgh12',
			role: 'view',
			iat: Math.floor(NOW / 1000),
			exp: Math.floor(NOW / 1000) + 30 * 86_400
		});
		expect(readClaims(token)).toEqual(claims);
		expect(await verifyToken(SECRET, token, NOW + 1_000)).toEqual({ ok: true, claims });
	});

	it('a tampered payload (role raised to edit) fails the signature', async () => {
		const { token, claims } = await signToken(SECRET, 'plan_abcdefgh12', 'view', 30, NOW);
		const [version, , signature] = token.split('.');
		const forged = `${version}.${base64url(encoder.encode(JSON.stringify({ ...claims, role: 'edit' })))}.${signature}`;
		expect(readClaims(forged)?.role).toBe('edit');
		expect(await verifyToken(SECRET, forged, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
	});

	it('a tampered signature fails', async () => {
		const { token } = await signToken(SECRET, 'plan_abcdefgh12', 'edit', 30, NOW);
		const last = token.at(-2) === 'A' ? 'B' : 'A';
		const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
		expect(tampered).not.toBe(token);
		expect(await verifyToken(SECRET, tampered, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
	});

	it('the wrong secret fails', async () => {
		const { token } = await signToken(SECRET, 'plan_abcdefgh12', 'edit', 30, NOW);
		expect(await verifyToken('another-secret', token, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
	});

	it('expires at exp, not before', async () => {
		const { token, claims } = await signToken(SECRET, 'plan_abcdefgh12', 'edit', 1, NOW);
		expect((await verifyToken(SECRET, token, claims.exp * 1000 - 1)).ok).toBe(true);
		// An expired token still carries its (genuine) claims, so a sync client can be told why.
		expect(await verifyToken(SECRET, token, claims.exp * 1000)).toEqual({ ok: false, reason: 'expired', claims });
		expect(await verifyToken(SECRET, token, NOW + 2 * 86_400_000)).toEqual({ ok: false, reason: 'expired', claims });
	});

	it('malformed tokens are reported as malformed', async () => {
		const { token } = await signToken(SECRET, 'plan_abcdefgh12', 'edit', 1, NOW);
		expect(await verifyToken(SECRET, 'garbage', NOW)).toEqual({ ok: false, reason: 'malformed' });
		expect(await verifyToken(SECRET, token.replace(/^v1/, 'v2'), NOW)).toEqual({ ok: false, reason: 'malformed' });
		expect(await verifyToken(SECRET, `${token.slice(0, token.lastIndexOf('.'))}.not+base64`, NOW)).toEqual({
			ok: false,
			reason: 'malformed'
		});
	});
});
