// The comparison picker as a component, on a stand-in session: every comparison of the catalog with its size, the
// choice handed to the session, the bring-your-own form's problems tied to their fields, no choice while a model
// loads, and axe.
import { expect } from 'chai';
import '../../components/lab-comparison-picker.ts';
import type { LabComparisonPicker } from '../../components/lab-comparison-picker.ts';
import type { LabContext } from '../../src/app/lab-context.ts';
import { COMPARISONS, DEFAULT_COMPARISON_ID, findComparison, type Comparison } from '../../src/engine/catalog.ts';
import { emptyPageUnderHeadings, expectNoAxeViolations, prepareLikeIndexHtml, settled } from './support.ts';

class StandInSession extends EventTarget {
  comparison: Comparison = findComparison(DEFAULT_COMPARISON_ID)!;
  variant = 'q4f32' as const;
  models: { load: { status: string } }[] = [];
  chosen: Comparison[] = [];

  selectComparison(comparison: Comparison): void {
    this.chosen.push(comparison);
    this.comparison = comparison;
    this.dispatchEvent(new Event('change'));
  }
}

describe('<lab-comparison-picker>', () => {
  let picker: LabComparisonPicker;
  let session: StandInSession;

  before(prepareLikeIndexHtml);

  beforeEach(async () => {
    session = new StandInSession();
    picker = document.createElement('lab-comparison-picker');
    picker.context = { session } as unknown as LabContext;
    emptyPageUnderHeadings().append(picker);
    await settled(picker);
  });

  afterEach(() => picker.remove());

  const radios = () => [...picker.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="comparison"]')];
  const radio = (value: string) => radios().find((input) => input.value === value)!;

  it('offers every comparison of the catalog with its download size, then your own base and your server', async () => {
    expect(radios().map((input) => input.value)).to.deep.equal([...COMPARISONS.map((comparison) => comparison.id), 'bring-your-own', 'your-server']);
    expect(radio(DEFAULT_COMPARISON_ID).checked).to.equal(true);
    const label = radio(DEFAULT_COMPARISON_ID).closest('label')!.textContent!.replace(/\s+/g, ' ');
    expect(label).to.match(/\d+ models, about [\d.,]+ [GM]B in all with q4f32 weights\./);
    await expectNoAxeViolations('the comparison picker');
  });

  it('hands the chosen comparison to the session', async () => {
    const other = COMPARISONS.find((comparison) => comparison.id !== DEFAULT_COMPARISON_ID)!;
    radio(other.id).click();
    await settled(picker);
    expect(session.chosen.map((comparison) => comparison.id)).to.deep.equal([other.id]);
    expect(radio(other.id).checked).to.equal(true);
  });

  it('ties each problem of your own weights to its field, and uses good weights with the chosen twin', async () => {
    radio('bring-your-own').click();
    await settled(picker);
    const form = picker.shadowRoot!.querySelector('form')!;
    const q4f32 = form.querySelector<HTMLInputElement>('input[name="q4f32"]')!;
    q4f32.value = 'http://example.org/weights';
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settled(picker);
    expect(q4f32.getAttribute('aria-invalid')).to.equal('true');
    const described = picker.shadowRoot!.getElementById(q4f32.getAttribute('aria-describedby')!)!;
    expect(described.textContent).to.contain('https://');
    expect(session.chosen).to.deep.equal([]);
    await expectNoAxeViolations('the bring-your-own form with a problem');

    q4f32.value = 'https://huggingface.co/me/SmolLM2-360M-q4f32_1-MLC/resolve/main/';
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settled(picker);
    expect(q4f32.getAttribute('aria-invalid')).to.equal('false');
    expect(session.chosen.map((comparison) => comparison.id)).to.deep.equal(['bring-your-own']);
  });

  it('takes no new choice while a model loads', async () => {
    session.models = [{ load: { status: 'loading' } }];
    session.dispatchEvent(new Event('change'));
    await settled(picker);
    expect(picker.shadowRoot!.querySelector('fieldset')!.disabled).to.equal(true);
  });
});
