/**
 * The main thread's handle on the import worker: one request at a time as a promise, progress
 * through a callback, and `cancel()`, which terminates the worker (a parse cannot be interrupted
 * any other way mid-file) and rejects the pending request with ImportError('cancelled'). The
 * next request starts a fresh worker. Only the wizard imports this module, so the worker (and
 * the parsing libraries it loads) is fetched when someone opens the import.
 */
import { ImportError, type ImportErrorCode } from '../errors';
import type { CurrentData } from '../current';
import type { ImportKind, Mapping } from '../headers';
import type { ImportPlan, RejectedRow } from '../plan-import';
import type { CurrentTargets, TargetsImportPlan } from '../plan-targets-import';
import type { ImportRequest, ImportResponse, PlanSettings, TableInfo } from './protocol';

/** A refusal from the worker: the ImportError's code and params, and an XLSX's sheets if one was empty. */
export class WorkerImportError extends ImportError {
	constructor(
		code: ImportErrorCode,
		params: Record<string, string | number>,
		readonly sheets: string[] | undefined
	) {
		super(code, params);
	}
}

type Pending = { resolve: (message: ImportResponse) => void; reject: (err: unknown) => void; onProgress?: (done: number, total: number) => void };
type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export class ImportWorkerClient {
	#worker: Worker | null = null;
	#nextId = 1;
	#pending = new Map<number, Pending>();

	#start(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (event: MessageEvent<ImportResponse>) => {
			const message = event.data;
			const pending = this.#pending.get(message.id);
			if (!pending) return;
			if (message.type === 'progress') return pending.onProgress?.(message.done, message.total);
			this.#pending.delete(message.id);
			if (message.type === 'error')
				pending.reject(message.code === 'internal' ? new Error(message.message) : new WorkerImportError(message.code, message.params, message.sheets));
			else pending.resolve(message);
		};
		worker.onerror = (event) => {
			event.preventDefault();
			this.#fail(new Error(event.message || 'The import worker failed to start.'));
		};
		return (this.#worker = worker);
	}

	#fail(err: unknown) {
		this.#worker?.terminate();
		this.#worker = null;
		const pending = [...this.#pending.values()];
		this.#pending.clear();
		for (const p of pending) p.reject(err);
	}

	#request(request: Distribute<ImportRequest>, transfer: Transferable[] = [], onProgress?: (done: number, total: number) => void): Promise<ImportResponse> {
		const worker = this.#start();
		const id = this.#nextId++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
			worker.postMessage({ ...request, id }, transfer);
		});
	}

	/** Parses a file (its bytes are handed over to the worker, not copied). */
	async read(bytes: Uint8Array, fileName: string, sheet?: string): Promise<TableInfo> {
		const message = await this.#request({ type: 'read', bytes, fileName, ...(sheet === undefined ? {} : { sheet }) }, [bytes.buffer]);
		return (message as Extract<ImportResponse, { type: 'table' }>).info;
	}

	/** The last file again, another sheet. */
	async sheet(sheet: string): Promise<TableInfo> {
		const message = await this.#request({ type: 'sheet', sheet });
		return (message as Extract<ImportResponse, { type: 'table' }>).info;
	}

	async plan(
		kind: ImportKind,
		mapping: Mapping,
		current: CurrentData,
		settings: PlanSettings,
		onProgress?: (done: number, total: number) => void
	): Promise<ImportPlan> {
		const message = await this.#request({ type: 'plan', kind, mapping, current, settings }, [], onProgress);
		return (message as Extract<ImportResponse, { type: 'plan' }>).plan;
	}

	/** The read file as targets for the plan's decomposition (small files: no progress). */
	async planTargets(mapping: Mapping, current: CurrentTargets, defaultUnitName: string): Promise<TargetsImportPlan> {
		const message = await this.#request({ type: 'planTargets', mapping, current, defaultUnitName });
		return (message as Extract<ImportResponse, { type: 'targetsPlan' }>).plan;
	}

	async rejectedCsv(rejected: RejectedRow[]): Promise<string> {
		const message = await this.#request({ type: 'rejectedCsv', rejected });
		return (message as Extract<ImportResponse, { type: 'csv' }>).text;
	}

	/** Stops whatever the worker is doing; the pending request fails with 'cancelled'. */
	cancel(): void {
		this.#fail(new ImportError('cancelled'));
	}

	destroy(): void {
		this.cancel();
	}
}
