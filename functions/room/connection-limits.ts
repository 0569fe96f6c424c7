import type { Role } from '../../src/lib/protocol/token';
import { intVar, type Env } from '../env';

/**
 * Who may open another socket in a room. Sockets are accepted with tags for their role and
 * token, so counting is `getWebSockets(tag)` (it includes hibernated sockets).
 *
 * - The room holds MAX_CONNECTIONS_PER_ROOM sockets.
 * - Viewers may fill all but EDITOR_RESERVED_CONNECTIONS of them: a crowd of view links
 *   (or one person opening hundreds of view sockets) cannot lock the editors out.
 * - One token (one share link) may hold MAX_CONNECTIONS_PER_TOKEN sockets.
 */
export interface ConnectionLimits {
	perRoom: number;
	reservedForEditors: number;
	perToken: number;
}

export function connectionLimits(env: Env): ConnectionLimits {
	const perRoom = intVar(env.MAX_CONNECTIONS_PER_ROOM, 200);
	return {
		perRoom,
		reservedForEditors: Math.min(perRoom - 1, intVar(env.EDITOR_RESERVED_CONNECTIONS, Math.ceil(perRoom / 4))),
		perToken: intVar(env.MAX_CONNECTIONS_PER_TOKEN, 50)
	};
}

export const roleTag = (role: Role) => `role:${role}`;
export const tokenTag = (tokenId: string) => `token:${tokenId}`;

/**
 * Why the socket just accepted (already counted) must be closed, or null when it may stay.
 */
export function connectionRefusal(ctx: DurableObjectState, role: Role, tokenId: string, limits: ConnectionLimits): string | null {
	if (ctx.getWebSockets().length > limits.perRoom) {
		return `This plan already has ${limits.perRoom} connections.`;
	}
	const viewerPlaces = limits.perRoom - limits.reservedForEditors;
	if (role === 'view' && ctx.getWebSockets(roleTag('view')).length > viewerPlaces) {
		return `This plan already has ${viewerPlaces} viewers; the remaining places are kept for editors.`;
	}
	if (ctx.getWebSockets(tokenTag(tokenId)).length > limits.perToken) {
		return `This link is already open ${limits.perToken} times.`;
	}
	return null;
}
