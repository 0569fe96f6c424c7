import { PARTS_QUERY_PARAM } from '../protocol/parts';
import { syncRoom, type PlanDocName } from '../protocol/routes';
import { syncProtocols } from '../protocol/sync-auth';

/**
 * Opens a sync socket for one document of a plan; the token travels as a subprotocol, not in the
 * URL. `?parts=1` tells the server this client sends and understands split messages (parts.ts).
 */
export function openSyncSocket(serverUrl: string, planId: string, docName: PlanDocName | undefined, token: string): WebSocket {
	return new WebSocket(`${serverUrl}/${syncRoom(planId, docName)}?${PARTS_QUERY_PARAM}=1`, syncProtocols(token));
}
