/** Promise wrappers over the few IndexedDB calls the plan index needs. */
export function requestToPromise<T>(request: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
	});
}

export function openDatabase(name: string, version: number, upgrade: (db: IDBDatabase) => void): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		if (typeof indexedDB === 'undefined') {
			reject(new Error('This browser has no IndexedDB (private mode?). Plans cannot be stored.'));
			return;
		}
		const request = indexedDB.open(name, version);
		request.onupgradeneeded = () => upgrade(request.result);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error ?? new Error(`Could not open ${name}`));
		request.onblocked = () => reject(new Error('Another tab holds an old version of the database; close it and reload.'));
	});
}
