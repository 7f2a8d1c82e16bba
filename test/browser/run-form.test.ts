// The run form: exact mode reads the model's own distribution in every probe, so the temperature is fixed there.
import { expect } from 'chai';
import '../../components/lab-run-form.ts';
import type { LabRunForm } from '../../components/lab-run-form.ts';
import type { LabContext } from '../../src/app/lab-context.ts';
import { mainLandmark, prepareLikeIndexHtml, settled } from './support.ts';

/**
 * Just what the form reads of the lab: one ready model (no bring-your-own twin), the default comparison, and a run
 * controller that records what it is asked.
 */
function stubContext(started: { probeId: string; params: unknown }[]): LabContext {
  const session = Object.assign(new EventTarget(), {
    readyModels: () => [{ catalog: { id: 'test-model' } }],
    models: [],
    twinOf: () => null,
    comparison: { defaultPair: [] },
  });
  const runs = Object.assign(new EventTarget(), {
    running: false,
    start: async (probeId: string, params: unknown) => {
      started.push({ probeId, params });
      return 'run-1';
    },
    stop: () => {},
  });
  const speeds = Object.assign(new EventTarget(), { estimate: () => null });
  return { session, runs, speeds } as unknown as LabContext;
}

describe('<lab-run-form> temperature', () => {
  let form: LabRunForm;
  let started: { probeId: string; params: unknown }[];

  before(prepareLikeIndexHtml);

  beforeEach(async () => {
    started = [];
    form = document.createElement('lab-run-form');
    form.context = stubContext(started);
    mainLandmark().append(form);
    await settled(form);
  });

  afterEach(() => form.remove());

  const temperatureInput = () =>
    [...form.shadowRoot!.querySelectorAll('label')].find((label) => label.textContent?.includes('Temperature'))!.querySelector('input')!;
  const choose = async (mode: 'exact' | 'sampled') => {
    form.shadowRoot!.querySelector<HTMLInputElement>(`input[name="mode"][value="${mode}"]`)!.click();
    await settled(form);
  };
  const submit = async () => {
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settled(form);
  };

  it('is fixed at 1 in exact mode, says why, and the run is started at 1', async () => {
    await choose('sampled');
    const input = temperatureInput();
    input.value = '0.7';
    input.dispatchEvent(new Event('input'));
    await choose('exact');
    expect(temperatureInput().disabled).to.equal(true);
    expect(temperatureInput().value).to.equal('1');
    expect(temperatureInput().closest('label')!.textContent).to.contain('Exact mode reads the model’s own probabilities, at temperature 1.');
    await submit();
    expect(started).to.have.length(1);
    expect(started[0]!.params).to.include({ mode: 'exact', temperature: 1 });
  });

  it('can be edited in sampled mode, and the run is started at the chosen temperature', async () => {
    await choose('sampled');
    const input = temperatureInput();
    expect(input.disabled).to.equal(false);
    input.value = '0.7';
    input.dispatchEvent(new Event('input'));
    await submit();
    expect(started[0]!.params).to.include({ mode: 'sampled', temperature: 0.7 });
  });
});
