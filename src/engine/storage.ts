// Persistent storage for the model cache. Browsers may evict a site's storage under pressure (Safari after seven
// days without a visit); a granted persist() request keeps downloaded models. The request exists only on the page
// (StorageManager.persist is not exposed to workers), and is made only when the user asks for it.

/** Whether the browser now keeps this site's storage: true if granted (or already granted), false otherwise. */
export async function requestPersistentStorage(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<boolean> {
  if (!storage?.persist) return false;
  if (await storage.persisted?.()) return true;
  return storage.persist();
}
