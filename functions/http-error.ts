import type { ApiErrorBody, ApiErrorCode } from '../src/lib/protocol/errors';

/** A known failure; app.onError turns it into `{ error: { code, message } }`. */
export class HttpError extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 404 | 409 | 411 | 413 | 415 | 426 | 429 | 500,
		readonly code: ApiErrorCode,
		message: string
	) {
		super(message);
	}
}

export function errorBody(code: ApiErrorCode, message: string): ApiErrorBody {
	return { error: { code, message } };
}
