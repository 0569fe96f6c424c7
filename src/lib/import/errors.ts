/**
 * Why a file cannot be imported at all. The code is stable (the command line prints it, the
 * wizard translates `import.error.<code>` with `params`); nothing is written when one is thrown.
 */
export type ImportErrorCode =
	'empty-file' | 'binary-file' | 'too-large' | 'empty-sheet' | 'no-such-sheet' | 'truncated-file' | 'no-header' | 'unknown-encoding' | 'cancelled' | 'not-yet';

export class ImportError extends Error {
	constructor(
		readonly code: ImportErrorCode,
		readonly params: Record<string, string | number> = {}
	) {
		super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
		this.name = 'ImportError';
	}
}

/** Largest file read (the issue's 200 MB case must be refused before it is parsed). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** Throws 'cancelled' when the caller aborted (the wizard's cancel button, Ctrl-C). */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw new ImportError('cancelled');
}
