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

/**
 * A heap snapshot of the Worker isolate (HeapProfiler.takeHeapSnapshot). V8 collects garbage
 * before it takes one, so a reading right after it is the live heap — the way to get a
 * garbage-free reading from workerd, whose inspector ignores collectGarbage.
 */
export async function takeIsolateHeapSnapshot(inspectorPort: number): Promise<string> {
	const ws = new WebSocket(`ws://127.0.0.1:${inspectorPort}/ws`, { headers: { Origin: `http://127.0.0.1:${inspectorPort}` } } as unknown as string[]);
	const chunks: string[] = [];
	try {
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('no heap snapshot from the inspector')), 300_000);
			ws.onerror = () => reject(new Error(`cannot reach the inspector on port ${inspectorPort}`));
			ws.onopen = () => {
				ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.enable' }));
				ws.send(JSON.stringify({ id: 2, method: 'HeapProfiler.takeHeapSnapshot', params: { reportProgress: false } }));
			};
			ws.onmessage = (event) => {
				const message = JSON.parse(String(event.data)) as { id?: number; method?: string; params?: { chunk?: string }; error?: { message: string } };
				if (message.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(message.params?.chunk ?? '');
				else if (message.id === 2) {
					clearTimeout(timer);
					if (message.error) reject(new Error(message.error.message));
					else resolve();
				}
			};
		});
	} finally {
		ws.close();
	}
	return chunks.join('');
}

/** Self size by constructor / node kind in a heap snapshot (JSON text), largest first. */
export function heapSnapshotSummary(json: string, top = 20): Array<{ name: string; count: number; bytes: number }> {
	const snap = JSON.parse(json) as {
		snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
		nodes: number[];
		strings: string[];
	};
	const fields = snap.snapshot.meta.node_fields;
	const width = fields.length;
	const typeAt = fields.indexOf('type');
	const nameAt = fields.indexOf('name');
	const sizeAt = fields.indexOf('self_size');
	const types = snap.snapshot.meta.node_types[0];
	const by = new Map<string, { count: number; bytes: number }>();
	for (let i = 0; i < snap.nodes.length; i += width) {
		const type = types[snap.nodes[i + typeAt]!]!;
		// Strings and code are grouped by kind, objects by constructor.
		const name = type === 'object' || type === 'closure' ? `${type} ${snap.strings[snap.nodes[i + nameAt]!]}` : type;
		const entry = by.get(name) ?? { count: 0, bytes: 0 };
		entry.count++;
		entry.bytes += snap.nodes[i + sizeAt]!;
		by.set(name, entry);
	}
	return [...by]
		.map(([name, e]) => ({ name, ...e }))
		.sort((a, b) => b.bytes - a.bytes)
		.slice(0, top);
}
