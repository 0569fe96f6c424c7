/// <reference lib="webworker" />
/**
 * The import wizard's Web Worker (created by client.ts as a module worker, bundled by Vite):
 * parses the file and plans the import off the main thread. One request at a time; cancelling
 * terminates the worker, so a cancelled parse leaves nothing behind.
 */
import { createImportHandler } from './handler';
import type { ImportRequest, ImportResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createImportHandler((message: ImportResponse) => scope.postMessage(message));
scope.onmessage = (event: MessageEvent<ImportRequest>) => void handle(event.data);
