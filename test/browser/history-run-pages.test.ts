// The History, Run, Shared-run and Storage pages on real IndexedDB (test databases), with a fake model cache for the
// Storage page: list, open, delete with confirmation, export and import, share links, and axe in both themes.
import { expect } from 'chai';
import { deleteDB } from 'idb';
import '../../components/lab-history-page.ts';
import type { LabHistoryPage } from '../../components/lab-history-page.ts';
import '../../components/lab-run-page.ts';
import '../../components/lab-settings-page.ts';
import type { LabSettingsPage } from '../../components/lab-settings-page.ts';
import '../../components/lab-share-page.ts';
import { createLabContext, type LabContext } from '../../src/app/lab-context.ts';
import type { StartWorker } from '../../src/app/lab-session.ts';
import { LANGUAGE_STORAGE_KEY, showLanguage } from '../../src/app/locale.ts';
import { readSharePayload, setupFromShare, sharedRunOf } from '../../src/app/share.ts';
import type { CacheWorker, StorageAccess } from '../../src/app/storage-controller.ts';
import type { RecordBase } from '../../src/core/probes/probe.ts';
import { RNG_0_10, type Rng010Record } from '../../src/core/probes/rng-0-10/index.ts';
import { RPS } from '../../src/core/probes/rps/index.ts';
import { encodeShare, type RunInfo } from '../../src/core/results/index.ts';
import { ModelWorkerClient } from '../../src/engine/client.ts';
import type { CacheStatus, LoadModelSpec } from '../../src/engine/protocol.ts';
import { expectNoAxeViolations, mainLandmark, prepareLikeIndexHtml, settled, until } from './support.ts';

const DB = 'test-history-pages';
const EMPTY_DB = 'test-history-pages-import';

const BASE_ID = 'Ministral-3-3B-Base-2512-q4f32_1-MLC';
const INSTRUCT_ID = 'Ministral-3-3B-Instruct-2512-BF16-q4f32_1-MLC';

function runInfo(id: string, probeId: RunInfo['probeId'], status: RunInfo['status'], updatedAt: string): RunInfo {
  const spec = probeId === 'rps' ? RPS : RNG_0_10;
  return {
    id,
    probeId,
    specVersion: spec.version,
    appVersion: '0.1.0',
    createdAt: updatedAt,
    updatedAt,
    status,
    params: { ...spec.defaultParams, seed: 20260301 },
    models: [
      { id: BASE_ID, catalogId: 'ministral-3-3b-base', name: 'Ministral 3 3B Base', role: 'base', variant: 'q4f32', revision: null },
      { id: INSTRUCT_ID, catalogId: 'ministral-3-3b-instruct', name: 'Ministral 3 3B Instruct', role: 'instruct', variant: 'q4f32', revision: null },
    ],
    gpu: { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader' },
  };
}

function distribution(modelId: string, probabilities: number[]): Rng010Record {
  return { probeId: 'rng-0-10', modelId, index: 0, kind: 'distribution', probabilities, other: 0, forwardPasses: 2, prefillTokens: 30 };
}

const RNG_RUN = runInfo('run-rng', 'rng-0-10', 'complete', '2026-03-01T10:00:00.000Z');
const RNG_RECORDS: RecordBase[] = [
  distribution(BASE_ID, Array.from({ length: 11 }, () => 1 / 11)),
  distribution(INSTRUCT_ID, Array.from({ length: 11 }, (_, answer) => (answer === 7 ? 0.5 : 0.05))),
];
const RPS_RUN = runInfo('run-rps', 'rps', 'incomplete', '2026-03-02T10:00:00.000Z');

/** Waits (a task at a time, at most a few hundred) until the pages reach a state; for work behind IndexedDB. */
function text(root: Element): string {
  return root.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
}

function buttonNamed(root: Element, name: string | RegExp): HTMLButtonElement {
  const buttons = [...root.shadowRoot!.querySelectorAll('button')];
  const match = buttons.find((button) => {
    const label = button.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    return typeof name === 'string' ? label === name : name.test(label);
  });
  if (!match) throw new Error(`No button named ${String(name)}`);
  return match;
}

/** Catches what downloadFile offers: the file's name and text (the browser's download itself is not started). */
async function captureDownload(start: () => void, root: Element): Promise<{ name: string; text: string }> {
  const createObjectURL = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  let blob: Blob | null = null;
  let name = '';
  URL.createObjectURL = (object: Blob | MediaSource) => {
    blob = object as Blob;
    return 'blob:captured';
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    name = this.download;
  };
  try {
    start();
    await until(() => blob !== null && name !== '', root);
  } finally {
    URL.createObjectURL = createObjectURL;
    HTMLAnchorElement.prototype.click = click;
  }
  return { name, text: await (blob as unknown as Blob).text() };
}

const READY: CacheStatus = { weights: true, config: true, tokenizer: true, wasm: true, readyOffline: true };
const NONE: CacheStatus = { weights: false, config: false, tokenizer: false, wasm: false, readyOffline: false };
const PARTIAL: CacheStatus = { weights: true, config: true, tokenizer: false, wasm: false, readyOffline: false };

/** A model cache in a map, and a storage manager that answers as told. */
function fakeAccess(statuses: Map<string, CacheStatus>, persist: boolean): StorageAccess & { deleted: string[] } {
  const deleted: string[] = [];
  const worker: CacheWorker = {
    cacheStatus: async (spec: LoadModelSpec) => statuses.get(spec.modelId) ?? NONE,
    deleteFromCache: async (spec: LoadModelSpec) => {
      deleted.push(spec.modelId);
      statuses.delete(spec.modelId);
      return null;
    },
    terminate: () => undefined,
  };
  return {
    deleted,
    startWorker: () => worker,
    storage: {
      estimate: async () => ({ usage: 2.5e9, quota: 5e10 }),
      persisted: async () => false,
      persist: async () => persist,
    },
  };
}

/** Model workers with the scripted backend, answering every score with a 7-heavy distribution. */
const scriptedWorkers: StartWorker = (model, spec) => {
  const url = new URL('../fixtures/scripted-model.worker.ts', import.meta.url);
  url.searchParams.set('script', JSON.stringify({ cached: true, answerProbabilities: { '7': 0.5, '3': 0.5 } }));
  return new ModelWorkerClient(new Worker(url, { type: 'module' }), { id: spec.modelId, role: model.role });
};

/** The page's confirmation dialog (lab-confirm-dialog's). */
function confirmDialog(page: Element): HTMLDialogElement {
  return page.shadowRoot!.querySelector('lab-confirm-dialog')!.shadowRoot!.querySelector('dialog')!;
}

function chooseFile(page: LabHistoryPage, contents: string, name = 'run.json'): void {
  const input = page.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
  const transfer = new DataTransfer();
  transfer.items.add(new File([contents], name, { type: 'application/json' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

describe('History, Run, Shared-run and Storage pages', () => {
  const contexts: LabContext[] = [];
  const pages: Element[] = [];

  before(prepareLikeIndexHtml);

  function context(databaseName = DB): LabContext {
    const made = createLabContext({ databaseName });
    contexts.push(made);
    return made;
  }

  async function seeded(): Promise<LabContext> {
    await deleteDB(DB);
    const made = context();
    const store = await made.store();
    await store.saveRun(RNG_RUN);
    await store.addRecords(RNG_RUN.id, RNG_RECORDS);
    await store.saveRun(RPS_RUN);
    return made;
  }

  async function mount<K extends 'lab-history-page' | 'lab-run-page' | 'lab-share-page' | 'lab-settings-page'>(
    tag: K,
    set: (page: HTMLElementTagNameMap[K]) => void,
  ): Promise<HTMLElementTagNameMap[K]> {
    const page = document.createElement(tag);
    set(page);
    mainLandmark().append(page);
    pages.push(page);
    await settled(page);
    return page;
  }

  afterEach(async () => {
    for (const page of pages.splice(0)) page.remove();
    for (const made of contexts.splice(0)) {
      made.runs.stop();
      for (const model of made.session.models) made.session.unload(model.catalog.id);
      (await made.store()).close();
    }
    history.replaceState(null, '', location.pathname);
    delete document.documentElement.dataset.theme;
  });

  describe('History', () => {
    it('lists the runs newest first, with probe, models, date and status, and what resuming needs', async () => {
      const lab = await seeded();
      const page = await mount('lab-history-page', (el) => (el.context = lab));
      await until(() => page.shadowRoot!.querySelectorAll('.run').length === 2, page);
      const runs = [...page.shadowRoot!.querySelectorAll('.run')];
      expect(runs[0]!.querySelector('h3')?.textContent).to.contain('Rock, paper, scissors').and.contain('Incomplete — resumable');
      expect(runs[1]!.querySelector('h3')?.textContent).to.contain('A random number from 0 to 10').and.contain('Complete');
      expect(runs[1]!.textContent).to.contain('Ministral 3 3B Base (base)').and.contain('Ministral 3 3B Instruct (aligned: instruct)');
      expect(runs[1]!.querySelector('a')?.getAttribute('href')).to.equal('#/run/run-rng');
      // The stopped run can be resumed only with its models loaded: the page says which, and where to load them.
      const resume = runs[0]!.querySelector<HTMLButtonElement>('button[data-resume]')!;
      expect(resume.disabled).to.equal(true);
      expect(runs[0]!.querySelector('.note')?.textContent).to.contain('Ministral 3 3B Base and Ministral 3 3B Instruct');
      expect(runs[0]!.querySelector('.note a')?.getAttribute('href')).to.equal('#/lab');
      expect(runs[1]!.querySelector('button[data-resume]')).to.equal(null);
    });

    it('deletes a run only after a confirmation that names it', async () => {
      const lab = await seeded();
      const page = await mount('lab-history-page', (el) => (el.context = lab));
      await until(() => page.shadowRoot!.querySelectorAll('.run').length === 2, page);
      const dialog = confirmDialog(page);
      const deleteButton = () => page.shadowRoot!.querySelectorAll<HTMLButtonElement>('.run button[data-delete]')[1]!;

      deleteButton().click();
      await until(() => dialog.open, page);
      expect(dialog.textContent).to.contain('A random number from 0 to 10').and.contain('cannot be undone');
      dialog.querySelector<HTMLButtonElement>('button[value="keep"]')!.click();
      await until(() => !dialog.open, page);
      expect(await (await lab.store()).getRun(RNG_RUN.id)).to.not.equal(undefined);

      deleteButton().click();
      await until(() => dialog.open, page);
      dialog.querySelector<HTMLButtonElement>('button[value="confirm"]')!.click();
      await until(() => page.shadowRoot!.querySelectorAll('.run').length === 1, page);
      expect(await (await lab.store()).getRun(RNG_RUN.id)).to.equal(undefined);
      expect(await (await lab.store()).getRecords(RNG_RUN.id)).to.deep.equal([]);
      expect(page.shadowRoot!.querySelector('[role="status"]')?.textContent).to.contain('Deleted the run');
    });

    it('says so when the browser refuses to delete a run, and keeps listing it', async () => {
      const lab = await seeded();
      const store = await lab.store();
      store.deleteRun = () => Promise.reject(new DOMException('The transaction was aborted.', 'AbortError'));
      const unhandled: unknown[] = [];
      const onUnhandled = (event: PromiseRejectionEvent) => {
        unhandled.push(event.reason);
        event.preventDefault();
      };
      window.addEventListener('unhandledrejection', onUnhandled);
      try {
        const page = await mount('lab-history-page', (el) => (el.context = lab));
        await until(() => page.shadowRoot!.querySelectorAll('.run').length === 2, page);
        const dialog = confirmDialog(page);
        page.shadowRoot!.querySelectorAll<HTMLButtonElement>('.run button[data-delete]')[1]!.click();
        await until(() => dialog.open, page);
        dialog.querySelector<HTMLButtonElement>('button[value="confirm"]')!.click();
        await until(() => page.shadowRoot!.querySelector('lab-error-message') !== null, page);
        const message = page.shadowRoot!.querySelector('lab-error-message')!;
        await settled(message);
        expect(text(message)).to.contain('could not be deleted').and.contain('The transaction was aborted.');
        expect(page.shadowRoot!.querySelectorAll('.run')).to.have.length(2);
        expect(unhandled).to.deep.equal([]);
      } finally {
        window.removeEventListener('unhandledrejection', onUnhandled);
      }
    });

    it('exports a run as JSON that imports into an empty database as the identical run, once', async () => {
      const lab = await seeded();
      const page = await mount('lab-history-page', (el) => (el.context = lab));
      await until(() => page.shadowRoot!.querySelectorAll('.run').length === 2, page);
      const exportJson = page.shadowRoot!.querySelectorAll<HTMLButtonElement>('.run button[data-export="json"]')[1]!;
      const file = await captureDownload(() => exportJson.click(), page);
      expect(file.name).to.equal('base-vs-aligned_rng-0-10_2026-03-01_runrng.json');
      expect(JSON.parse(file.text)).to.have.property('summary');

      await deleteDB(EMPTY_DB);
      const empty = context(EMPTY_DB);
      const importer = await mount('lab-history-page', (el) => (el.context = empty));
      await until(() => text(importer).includes('No runs yet'), importer);
      chooseFile(importer, file.text);
      await until(() => importer.shadowRoot!.querySelector('.outcome.ok') !== null && importer.shadowRoot!.querySelector('.run') !== null, importer);
      expect(importer.shadowRoot!.querySelector('.outcome.ok')?.textContent).to.contain('with 2 records');
      expect(importer.shadowRoot!.querySelectorAll('.run')).to.have.length(1);
      const store = await empty.store();
      expect(await store.getRun(RNG_RUN.id)).to.deep.equal(RNG_RUN);
      expect(await store.getRecords(RNG_RUN.id)).to.deep.equal(RNG_RECORDS);

      // The same file again, dropped on the page this time: refused in plain words, nothing changed.
      const transfer = new DataTransfer();
      transfer.items.add(new File([file.text], 'again.json', { type: 'application/json' }));
      importer.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      await until(() => importer.shadowRoot!.querySelector('.outcome.problem') !== null, importer);
      expect(importer.shadowRoot!.querySelector('.outcome.problem')?.textContent).to.contain('already in this browser');
      expect(await store.listRuns()).to.have.length(1);
    });

    it('refuses a bad file whole, says why, and changes nothing', async () => {
      const lab = await seeded();
      const page = await mount('lab-history-page', (el) => (el.context = lab));
      await until(() => page.shadowRoot!.querySelectorAll('.run').length === 2, page);
      const broken = JSON.stringify({ format: 'base-vs-aligned-run', schemaVersion: 1, run: { ...RNG_RUN, id: 'new-run', probeId: 'dice' }, records: [] });
      chooseFile(page, broken);
      await until(() => page.shadowRoot!.querySelector('.outcome.problem') !== null, page);
      const outcome = page.shadowRoot!.querySelector('.outcome.problem')!;
      expect(outcome.getAttribute('role')).to.equal('alert');
      expect(outcome.textContent).to.contain('Nothing was stored');
      expect(outcome.querySelectorAll('li').length).to.be.greaterThan(0);
      expect(outcome.querySelector('li')?.textContent).to.contain('probeId');
      expect((await (await lab.store()).listRuns()).map((run) => run.id)).to.deep.equal([RPS_RUN.id, RNG_RUN.id]);

      chooseFile(page, 'not json at all', 'notes.txt');
      await until(() => page.shadowRoot!.querySelector('.outcome.problem li')?.textContent?.includes('not valid JSON') === true, page);
      expect(await (await lab.store()).listRuns()).to.have.length(2);
    });
  });

  describe('Run', () => {
    it('shows the run’s details and results', async () => {
      const lab = await seeded();
      const page = await mount('lab-run-page', (el) => {
        el.context = lab;
        el.runId = RNG_RUN.id;
      });
      await until(() => page.shadowRoot!.querySelector('lab-run-view') !== null, page);
      const h1 = page.shadowRoot!.querySelector('h1')!;
      expect(h1.textContent).to.contain('A random number from 0 to 10').and.contain('Complete');
      expect(h1.getAttribute('tabindex')).to.equal('-1');
      const details = text(page);
      expect(details).to.contain(RNG_0_10.version).and.contain('0.1.0').and.contain('google, swiftshader, SwiftShader').and.contain('20260301');
      const modelRows = [...page.shadowRoot!.querySelectorAll('table')[0]!.querySelectorAll('tbody tr')];
      expect(modelRows.map((row) => row.textContent?.replace(/\s+/g, ' ').trim())).to.deep.equal([
        // A run made before the lab measured load time and speed shows dashes for them.
        'Ministral 3 3B Base base q4f32 latest (not pinned) 1 — —',
        'Ministral 3 3B Instruct aligned: instruct q4f32 latest (not pinned) 1 — —',
      ]);
      const view = page.shadowRoot!.querySelector('lab-run-view')!;
      expect(view.state?.records).to.deep.equal(RNG_RECORDS);
      expect(view.state?.info).to.deep.equal(RNG_RUN);
      // Looking at a stored run leaves the run controller alone.
      expect(lab.runs.current).to.equal(null);
    });

    it('says when a run was made with another version of its experiment, which the Claims page does not count and no one resumes', async () => {
      const lab = await seeded();
      const older: RunInfo = { ...RNG_RUN, id: 'run-older', specVersion: '1.0.0', status: 'incomplete' };
      await (await lab.store()).saveRun(older);
      const page = await mount('lab-run-page', (el) => {
        el.context = lab;
        el.runId = older.id;
      });
      await until(() => page.shadowRoot!.querySelector('[data-other-version]') !== null, page);
      expect(page.shadowRoot!.querySelector('[data-other-version]')!.textContent).to.equal(
        `(this lab runs version ${RNG_0_10.version}, whose method differs: the Claims page does not count this run)`,
      );
      expect(text(page)).to.contain('This run was made with another version of its experiment, so the rest of its records would follow another method.');
      expect(buttonNamed(page, /^Resume/).disabled).to.equal(true);
      page.runId = RNG_RUN.id;
      await until(() => page.shadowRoot!.querySelector('lab-run-view')?.state?.info.id === RNG_RUN.id, page);
      expect(page.shadowRoot!.querySelector('[data-other-version]')).to.equal(null);
    });

    it('resumes a stopped run once its models are loaded, and shows it finish', async () => {
      await deleteDB(DB);
      const lab = createLabContext({ databaseName: DB, startWorker: scriptedWorkers });
      contexts.push(lab);
      const stopped = { ...RNG_RUN, id: 'run-stopped', status: 'incomplete' as const };
      await (await lab.store()).saveRun(stopped);
      await (await lab.store()).addRecords(stopped.id, RNG_RECORDS.slice(0, 1));
      const page = await mount('lab-run-page', (el) => {
        el.context = lab;
        el.runId = stopped.id;
      });
      await until(() => page.shadowRoot!.querySelector('button[data-resume]') !== null, page);
      expect(page.shadowRoot!.querySelector<HTMLButtonElement>('button[data-resume]')!.disabled).to.equal(true);
      expect(text(page)).to.contain('Resuming needs Ministral 3 3B Base and Ministral 3 3B Instruct loaded');

      await Promise.all([lab.session.load('ministral-3-3b-base'), lab.session.load('ministral-3-3b-instruct')]);
      await settled(page);
      page.shadowRoot!.querySelector<HTMLButtonElement>('button[data-resume]')!.click();
      await until(() => page.shadowRoot!.querySelector('h1')?.textContent?.includes('Complete') === true, page);
      const records = await (await lab.store()).getRecords(stopped.id);
      expect(records.map((record) => record.modelId)).to.deep.equal([BASE_ID, INSTRUCT_ID]);
      expect((await (await lab.store()).getRun(stopped.id))?.status).to.equal('complete');
    });

    it('says plainly when there is no such run, with a link to History', async () => {
      const lab = await seeded();
      const page = await mount('lab-run-page', (el) => {
        el.context = lab;
        el.runId = 'no-such-run';
      });
      await until(() => page.shadowRoot!.querySelector('h1')?.textContent === 'Run not found', page);
      expect(page.shadowRoot!.querySelector('a')?.getAttribute('href')).to.equal('#/history');
    });

    it('deletes the run after confirmation and goes to History', async () => {
      const lab = await seeded();
      const page = await mount('lab-run-page', (el) => {
        el.context = lab;
        el.runId = RNG_RUN.id;
      });
      await until(() => page.shadowRoot!.querySelector('button[data-delete]') !== null, page);
      const changed = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
      page.shadowRoot!.querySelector<HTMLButtonElement>('button[data-delete]')!.click();
      const dialog = confirmDialog(page);
      await until(() => dialog.open, page);
      expect(dialog.textContent).to.contain('A random number from 0 to 10');
      dialog.querySelector<HTMLButtonElement>('button[value="confirm"]')!.click();
      await changed;
      expect(location.hash).to.equal('#/history');
      expect(await (await lab.store()).getRun(RNG_RUN.id)).to.equal(undefined);
    });

    it('makes a share link that opens the shared view with the sender’s numbers', async () => {
      const lab = await seeded();
      const page = await mount('lab-run-page', (el) => {
        el.context = lab;
        el.runId = RNG_RUN.id;
      });
      await until(() => page.shadowRoot!.querySelector('button[data-share]') !== null, page);
      // The clipboard may refuse: the link is in a read-only field either way.
      const clipboard = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: () => Promise.reject(new Error('denied')) } });
      try {
        buttonNamed(page, 'Copy share link').click();
        await until(() => Boolean(page.shadowRoot!.querySelector('.share')?.shadowRoot?.querySelector('input')), page);
      } finally {
        if (clipboard) Object.defineProperty(navigator, 'clipboard', clipboard);
        else delete (navigator as { clipboard?: unknown }).clipboard;
      }
      const link = page.shadowRoot!.querySelector('.share')!;
      expect(link.shadowRoot!.textContent).to.contain('did not let the lab copy it');
      const url = link.shadowRoot!.querySelector('input')!.value;
      expect(url.startsWith(`${location.origin}${location.pathname}#/share/`)).to.equal(true);
      const payload = url.split('#/share/')[1]!;

      const shared = await mount('lab-share-page', (el) => {
        el.context = lab;
        el.payload = payload;
      });
      expect(shared.shadowRoot!.querySelector('h1')?.textContent).to.equal('A shared run: A random number from 0 to 10');
      expect(text(shared)).to.contain('measured by the sender, on the sender’s GPU').and.contain('can differ');
      const figures = shared.shadowRoot!.querySelectorAll('section')[1]!.querySelectorAll('tbody tr');
      // P(7), JS divergence, χ² at the paper's N and P(other), for each of two models.
      expect(figures).to.have.length(8);
      expect(figures[4]!.textContent?.replace(/\s+/g, ' ')).to.contain('Ministral 3 3B Instruct').and.contain('50.0%').and.contain('exact');
      expect(text(shared)).to.contain('20260301');
    });
  });

  describe('Shared run', () => {
    const share = sharedRunOf(RPS_RUN, null, 'en');

    it('hands the same experiment to the Lab page', async () => {
      const lab = context();
      const page = await mount('lab-share-page', (el) => {
        el.context = lab;
        el.payload = encodeShare(share);
      });
      expect(text(page)).to.contain('no results yet');
      const changed = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
      buttonNamed(page, 'Run this on my GPU').click();
      await changed;
      expect(location.hash).to.equal('#/lab');
      const read = readSharePayload(encodeShare(share));
      const draft = lab.runs.takeDraft();
      expect(read.ok && draft).to.deep.equal(read.ok && setupFromShare(read.value));
      expect(draft?.params.seed).to.equal(20260301);
      // The Lab page takes it once.
      expect(lab.runs.takeDraft()).to.equal(null);
    });

    it('says a changed link is damaged, with the problems behind a disclosure', async () => {
      const lab = context();
      const payload = encodeShare(share);
      const page = await mount('lab-share-page', (el) => {
        el.context = lab;
        el.payload = `${payload.slice(0, -4)}AAAA`;
      });
      const alert = page.shadowRoot!.querySelector('[role="alert"]')!;
      expect(alert.textContent).to.contain('damaged or was changed');
      expect(alert.querySelector('details summary')?.textContent).to.equal('What is wrong with the link');
      expect(alert.querySelectorAll('details li').length).to.be.greaterThan(0);
    });

    it('shows the sender’s language to a reader who never chose one, without remembering it', async () => {
      const lab = context();
      localStorage.removeItem(LANGUAGE_STORAGE_KEY);
      try {
        await mount('lab-share-page', (el) => {
          el.context = lab;
          el.payload = encodeShare({ ...share, language: 'ja' });
        });
        await until(() => document.documentElement.lang === 'ja', document.body);
        expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).to.equal(null);
      } finally {
        await showLanguage('en', { remember: false });
      }
      localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
      try {
        await mount('lab-share-page', (el) => {
          el.context = lab;
          el.payload = encodeShare({ ...share, language: 'ja' });
        });
        expect(document.documentElement.lang).to.equal('en');
      } finally {
        localStorage.removeItem(LANGUAGE_STORAGE_KEY);
      }
    });
  });

  describe('Storage', () => {
    async function storagePage(access: StorageAccess): Promise<LabSettingsPage> {
      const lab = context();
      const page = await mount('lab-settings-page', (el) => {
        el.context = lab;
        el.access = access;
      });
      await until(() => page.shadowRoot!.querySelector('.models') !== null, page);
      return page;
    }

    it('lists the cached models with their sizes and the site’s share of storage', async () => {
      const page = await storagePage(fakeAccess(new Map([[BASE_ID, READY], [INSTRUCT_ID, PARTIAL]]), true));
      const cards = [...page.shadowRoot!.querySelectorAll('.models > li')];
      expect(cards.map((card) => card.querySelector('h3')?.textContent)).to.deep.equal(['Ministral 3 3B Base', 'Ministral 3 3B Instruct']);
      expect(cards[0]!.textContent).to.match(/about 2\.1\s?GB/).and.contain('Ready offline');
      expect(cards[1]!.textContent).to.contain('Partly downloaded');
      expect(text(page)).to.contain('This site uses 2.5 GB of the 50 GB this browser allows it (5.0%)');
      expect(text(page)).to.contain('Safari may clear');
    });

    it('deletes a model after a confirmation that names its size, and repairs a partial one', async () => {
      const access = fakeAccess(new Map([[BASE_ID, READY], [INSTRUCT_ID, PARTIAL]]), true);
      const page = await storagePage(access);
      const dialog = confirmDialog(page);
      page.shadowRoot!.querySelector<HTMLButtonElement>('button[data-delete]')!.click();
      await until(() => dialog.open, page);
      expect(dialog.textContent).to.contain('Ministral 3 3B Base (q4f32)').and.match(/frees about 2\.1\s?GB/);
      dialog.querySelector<HTMLButtonElement>('button[value="confirm"]')!.click();
      await until(() => access.deleted.length === 1 && page.shadowRoot!.querySelectorAll('.models > li').length === 1, page);
      expect(access.deleted).to.deep.equal([BASE_ID]);
      expect(text(page)).to.contain('Deleted Ministral 3 3B Base (q4f32)');

      page.shadowRoot!.querySelector<HTMLButtonElement>('button[data-repair]')!.click();
      await until(() => text(page).includes('No models are stored in this browser'), page);
      expect(access.deleted).to.deep.equal([BASE_ID, INSTRUCT_ID]);
      expect(text(page)).to.contain('Cleared what was left of Ministral 3 3B Instruct (q4f32). Its next load starts clean');
    });

    it('asks the browser to keep the models on a click, and shows its answer', async () => {
      const page = await storagePage(fakeAccess(new Map([[BASE_ID, READY]]), false));
      buttonNamed(page, 'Keep downloaded models').click();
      await until(() => page.shadowRoot!.querySelector('.answer') !== null, page);
      expect(page.shadowRoot!.querySelector('.answer')?.textContent).to.contain('Your browser said no');
    });
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations on any of the four pages in the ${theme} theme`, async () => {
      document.documentElement.dataset.theme = theme;
      const lab = await seeded();
      const historyPage = await mount('lab-history-page', (el) => (el.context = lab));
      await until(() => historyPage.shadowRoot!.querySelectorAll('.run').length === 2, historyPage);
      chooseFile(historyPage, '{}');
      await until(() => historyPage.shadowRoot!.querySelector('.outcome.problem') !== null, historyPage);
      await expectNoAxeViolations(`history page (${theme})`);
      historyPage.remove();

      const runPage = await mount('lab-run-page', (el) => {
        el.context = lab;
        el.runId = RPS_RUN.id;
      });
      await until(() => runPage.shadowRoot!.querySelector('lab-run-view') !== null, runPage);
      await expectNoAxeViolations(`run page (${theme})`);
      runPage.remove();

      const payload = encodeShare(sharedRunOf(RNG_RUN, null, 'en'));
      const sharePage = await mount('lab-share-page', (el) => {
        el.context = lab;
        el.payload = payload;
      });
      await expectNoAxeViolations(`shared-run page (${theme})`);
      sharePage.payload = 'damaged';
      await settled(sharePage);
      await expectNoAxeViolations(`damaged shared-run page (${theme})`);
      sharePage.remove();

      const storage = await mount('lab-settings-page', (el) => {
        el.context = lab;
        el.access = fakeAccess(new Map([[BASE_ID, READY], [INSTRUCT_ID, PARTIAL]]), true);
      });
      await until(() => storage.shadowRoot!.querySelector('.models') !== null, storage);
      await expectNoAxeViolations(`storage page (${theme})`);
    });
  }
});
