// The lab database's schema of version 1 as it shipped, written out once and for all with raw IndexedDB (not the
// app's code), so that a change to the app cannot change what "version 1" was.
export function openVersion1(name: string): Promise<IDBDatabase> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('runs', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
    db.createObjectStore('records', { keyPath: ['runId', 'modelId', 'index'] }).createIndex('by-run', 'runId');
    db.createObjectStore('ratings', { keyPath: ['runId', 'pairId'] }).createIndex('by-run', 'runId');
    db.createObjectStore('settings', { keyPath: 'key' });
  };
  return new Promise((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}
