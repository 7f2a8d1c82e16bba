// What the lab says when another tab gets in the way of its database: a newer lab upgrading it (this tab lets go
// and asks for a reload) or an older lab keeping it at an old version (this tab waits and says why).
import { expect } from 'chai';
import { deleteDB } from 'idb';
import '../../components/lab-app.ts';
import type { LabApp } from '../../components/lab-app.ts';
import type { DatabaseState } from '../../src/app/cross-tab.ts';
import { createLabContext, type LabContext } from '../../src/app/lab-context.ts';
import { LAB_DB_VERSION } from '../../src/store/lab-db.ts';
import { openVersion1 } from './lab-db-v1.ts';
import { deepQuery, expectNoAxeViolations, prepareLikeIndexHtml, settled } from './support.ts';

const DB = 'test-database-notice';

function opened(name: string, version: number): Promise<IDBDatabase> {
  const open = indexedDB.open(name, version);
  return new Promise((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

/** Resolves once the context's database notice is in the state. */
function untilState(lab: LabContext, state: DatabaseState): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (lab.database.state !== state) return;
      lab.database.removeEventListener('change', check);
      resolve();
    };
    lab.database.addEventListener('change', check);
    check();
  });
}

describe('the database and other tabs', () => {
  beforeEach(() => deleteDB(DB));
  afterEach(() => deleteDB(DB));

  it('lets go of the database when a newer lab in another tab upgrades it, and says so', async () => {
    const lab = createLabContext({ databaseName: DB });
    await lab.store();
    expect(lab.database.state).to.equal('open');
    const newer = await opened(DB, LAB_DB_VERSION + 1);
    expect(lab.database.state).to.equal('closed-for-upgrade');
    newer.close();
    lab.otherTabs.close();
  });

  it('waits, saying why, while an older lab in another tab keeps the database at an older version', async () => {
    const older = await openVersion1(DB);
    const lab = createLabContext({ databaseName: DB });
    const store = lab.store();
    await untilState(lab, 'blocked');
    older.close();
    await store;
    expect(lab.database.state).to.equal('open');
    (await store).close();
    lab.otherTabs.close();
  });
});

describe('<lab-app> when another tab gets in the way of its database', () => {
  before(prepareLikeIndexHtml);

  it('asks for a reload after a newer lab took the database, and explains a wait for an older one', async () => {
    history.replaceState(null, '', '#/history');
    const app = document.createElement('lab-app') as LabApp;
    document.body.append(app);
    const shared = app as unknown as { context: LabContext | null };
    // The History page and the lab's shared state load lazily, as on a first visit.
    for (let attempt = 0; attempt < 200 && !(shared.context && deepQuery(app, 'lab-history-page h1')); attempt++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await settled(app);
    }
    const lab = shared.context!;
    expect(deepQuery(app, '.notice')).to.equal(null);

    lab.database.set('closed-for-upgrade');
    await settled(app);
    const notice = deepQuery<HTMLElement>(app, '.notice[role="alert"]');
    expect(notice?.textContent).to.contain('Reload this page to go on; your runs are kept.');
    expect(notice?.querySelector('button')?.textContent?.trim()).to.equal('Reload');
    await expectNoAxeViolations('page with the database notice');

    lab.database.set('blocked');
    await settled(app);
    expect(deepQuery(app, '.notice[role="alert"]')?.textContent).to.contain('Close or reload the other tabs of the lab');
    app.remove();
    history.replaceState(null, '', '#/');
  });
});
