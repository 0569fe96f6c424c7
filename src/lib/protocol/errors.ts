/** JSON error body of every failed /api or /sync request: `{ error: { code, message } }`. */
export type ApiErrorCode =
	| 'bad_request'
	| 'unauthorized'
	| 'forbidden'
	| 'not_found'
	| 'conflict'
	| 'upgrade_required'
	| 'payload_too_large'
	| 'length_required'
	| 'unsupported_media_type'
	| 'rate_limited'
	| 'server_misconfigured'
	| 'internal';

export interface ApiErrorBody {
	error: { code: ApiErrorCode; message: string };
}
