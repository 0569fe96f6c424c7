// The JS heap of the Worker isolate under `wrangler dev --inspector-port <port>`, read through
// the Chrome DevTools protocol (Runtime.getHeapUsage) — the isolate that hosts the Durable
// Objects, so the quantity the platform's per-isolate memory limit is about. workerd's
// inspector does not answer HeapProfiler.collectGarbage, so `used` includes garbage not yet
// collected; readings are taken after a pause.
export interface IsolateHeap {
	/** Live JS objects (and garbage not yet collected). */
	used: number;
	/** The heap V8 has reserved: grows to the peak and shrinks slowly. */
	total: number;
	/** ArrayBuffer backing stores (update bytes, socket frames). */
	buffers: number;
}

export async function readIsolateHeap(inspectorPort: number): Promise<IsolateHeap> {
	// The inspector proxy refuses an upgrade without an Origin header; Node's WebSocket (undici) takes headers.
	const ws = new WebSocket(`ws://127.0.0.1:${inspectorPort}/ws`, { headers: { Origin: `http://127.0.0.1:${inspectorPort}` } } as unknown as string[]);
	try {
		return await new Promise<IsolateHeap>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('no answer from the inspector')), 10_000);
			ws.onerror = () => reject(new Error(`cannot reach the inspector on port ${inspectorPort}`));
			ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }));
			ws.onmessage = (event) => {
				const message = JSON.parse(String(event.data)) as { id?: number; result?: { usedSize: number; totalSize: number; backingStorageSize?: number } };
				if (message.id !== 1 || !message.result) return;
				clearTimeout(timer);
				resolve({ used: message.result.usedSize, total: message.result.totalSize, buffers: message.result.backingStorageSize ?? 0 });
			};
		});
	} finally {
		ws.close();
	}
}
