// Steps of the "Your server" comparison (issue 14) that the server end-to-end tests share, on the production build:
// the stand-in server runs in this Node process, the page reaches it from its server worker over http://127.0.0.1.
import type { Page } from 'playwright-core';

/** Chooses "Your server" on the Lab page and connects to `baseUrl` (with `apiKey` when given). */
export async function connectToServer(page: Page, labUrl: string, baseUrl: string, apiKey = ''): Promise<void> {
  await page.goto(`${labUrl}#/lab`);
  await page.locator('lab-comparison-picker input[value="your-server"]').check();
  const form = page.locator('lab-server-connect');
  await form.locator('input[name="baseUrl"]').fill(baseUrl);
  await form.locator('input[name="apiKey"]').fill(apiKey);
  await form.getByRole('button', { name: 'Connect' }).click();
}

/** Takes the guessed roles and families and waits until every chosen model answers on the server. */
export async function useServerModels(page: Page, count: number): Promise<void> {
  await page.locator('lab-server-connect [data-detected]').waitFor();
  await page.locator('lab-server-connect').getByRole('button', { name: 'Use these models' }).click();
  const cards = page.locator('lab-server-model-card');
  for (let index = 0; index < count; index++) await cards.nth(index).locator('.ready').waitFor();
}

export interface StoredRun {
  info: {
    models: { id: string; name: string; variant: unknown; server?: Record<string, unknown>; selfCheck?: { verdict: string } }[];
    gpu: unknown;
    status: string;
  };
  records: { modelId: string; index: number; kind: string; probabilities?: number[]; other?: number; answer?: number | null }[];
}

/** A run and its records, read straight from the lab's IndexedDB in the page. */
export function storedRun(page: Page, runId: string): Promise<StoredRun> {
  return page.evaluate(
    (id) =>
      new Promise<StoredRun>((resolve, reject) => {
        const open = indexedDB.open('base-vs-aligned-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction(['runs', 'records']);
          const info = transaction.objectStore('runs').get(id);
          const records = transaction.objectStore('records').index('by-run').getAll(id);
          transaction.oncomplete = () => {
            db.close();
            // The store keeps each record under its run, model and index.
            const rows = records.result as { record: StoredRun['records'][number] }[];
            resolve({ info: info.result as StoredRun['info'], records: rows.map((row) => row.record) });
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    runId,
  );
}

/** Everything the lab keeps in this browser (IndexedDB, localStorage), as text: to look for what must not be there. */
export function everythingStored(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const open = indexedDB.open('base-vs-aligned-lab');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const stores = [...db.objectStoreNames];
    const transaction = db.transaction(stores);
    const contents = await Promise.all(
      stores.map(
        (name) =>
          new Promise<unknown>((resolve, reject) => {
            const all = transaction.objectStore(name).getAll();
            all.onsuccess = () => resolve(all.result);
            all.onerror = () => reject(all.error);
          }),
      ),
    );
    db.close();
    return JSON.stringify({ contents, local: { ...localStorage } });
  });
}
