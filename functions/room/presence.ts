import { CloseCode } from '../../src/lib/protocol/close-codes';
import { MAX_AWARENESS_CLIENTS_PER_SOCKET, MAX_AWARENESS_STATE_BYTES } from '../../src/lib/protocol/limits';
import type { AwarenessChange } from './awareness-codec';
import { ProtocolError } from './protocol-error';
import { readAttachment, writeAttachment } from './socket-attachment';

/**
 * Who is present, per socket. Each awareness client id belongs to the socket that first
 * announced it, until that socket leaves or announces the id gone: another socket can
 * neither change nor clear it (a viewer could otherwise erase anyone's presence).
 *
 * The entries live in the socket attachments (they survive hibernation); the id → socket
 * index is only a cache of them, rebuilt after a wake.
 */
export class Presence {
	private owners: Map<number, WebSocket> | null = null;

	constructor(private readonly sockets: () => WebSocket[]) {}

	/**
	 * Records what `ws` announced and returns the changes it may make, to be relayed.
	 * Changes to ids another socket holds are dropped (not an error: a reconnecting tab
	 * reuses its id while its old socket is still closing).
	 */
	accept(ws: WebSocket, changes: AwarenessChange[]): AwarenessChange[] {
		const owners = this.index();
		const attachment = readAttachment(ws);
		const accepted: AwarenessChange[] = [];
		for (const change of changes) {
			const owner = owners.get(change.clientId);
			if (owner && owner !== ws) continue;
			const key = String(change.clientId);
			if (change.state === null) {
				delete attachment.clients[key];
				owners.delete(change.clientId);
			} else {
				if (change.state.length > MAX_AWARENESS_STATE_BYTES) {
					throw new ProtocolError(CloseCode.MESSAGE_TOO_BIG, 'Presence state is too large.');
				}
				attachment.clients[key] = { clock: change.clock, state: change.state };
				owners.set(change.clientId, ws);
			}
			accepted.push(change);
		}
		if (Object.keys(attachment.clients).length > MAX_AWARENESS_CLIENTS_PER_SOCKET) {
			throw new ProtocolError(CloseCode.INVALID_PAYLOAD, 'Too many presence ids on one connection.');
		}
		// Serializing the attachment is the costly part; a frame of others' ids changed nothing.
		if (accepted.length > 0) writeAttachment(ws, attachment);
		return accepted;
	}

	/** `ws` is gone: its ids are free again. Returns the removals to announce (clock + 1, state null). */
	release(ws: WebSocket): AwarenessChange[] {
		const attachment = readAttachment(ws);
		const gone = Object.entries(attachment.clients).map(([id, e]) => ({ clientId: Number(id), clock: e.clock + 1, state: null }));
		for (const { clientId } of gone) {
			if (this.owners?.get(clientId) === ws) this.owners.delete(clientId);
		}
		if (gone.length > 0) {
			attachment.clients = {};
			writeAttachment(ws, attachment);
		}
		return gone;
	}

	private index(): Map<number, WebSocket> {
		if (this.owners) return this.owners;
		this.owners = new Map();
		for (const ws of this.sockets()) {
			for (const id of Object.keys(readAttachment(ws).clients)) this.owners.set(Number(id), ws);
		}
		return this.owners;
	}
}
