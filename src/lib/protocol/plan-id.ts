/**
 * Plan ids are made on the client (so a plan can be created offline) and name the
 * Durable Object. 10–64 characters of [A-Za-z0-9_-]; `newPlanId` makes 22 random
 * base64url characters (128 bits).
 */
const PLAN_ID = /^[A-Za-z0-9_-]{10,64}$/;

export function isPlanId(value: unknown): value is string {
	return typeof value === 'string' && PLAN_ID.test(value);
}

export function newPlanId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return base64url(bytes);
}

export function base64url(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
	const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
	const binary = atob(padded);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}
