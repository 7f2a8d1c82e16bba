// Setup links for a class on the e2e build (issue 16): a teacher copies a link to the run form's setup; a student
// opens it in a fresh profile and finds the Lab with the comparison, experiment and parameters filled in, nothing
// downloaded and nothing run, in the teacher's language unless the student chose one; a damaged link is refused in
// plain words.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { closeContext } from './browser.ts';
import { freshProfile, JAPANESE, shadowText } from './scripted.ts';

const scriptedUrl = inject('scriptedUrl');

/** On the Lab page: rock-paper-scissors, sampled, 20 rounds, seed 7; then the setup link the form makes. */
async function teachersLink(page: Page): Promise<string> {
  await page.goto(`${scriptedUrl}#/lab`);
  const form = page.locator('lab-run-form');
  await form.locator('select').first().selectOption('rps');
  await form.locator('input[name="mode"][value="sampled"]').check();
  await form.locator('input[name="rounds"]').fill('20');
  await form.locator('input[name="seed"]').fill('7');
  await form.locator('[data-setup-link]').click();
  return form.locator('.setup-link input').inputValue();
}

async function expectFilledIn(page: Page): Promise<void> {
  const form = page.locator('lab-run-form');
  await expect.poll(() => form.locator('select').first().inputValue()).toBe('rps');
  expect(await form.locator('input[name="mode"][value="sampled"]').isChecked()).toBe(true);
  expect(await form.locator('input[name="rounds"]').inputValue()).toBe('20');
  expect(await form.locator('input[name="seed"]').inputValue()).toBe('7');
  // Nothing downloaded, loaded or run until the student chooses.
  expect(await page.locator('lab-model-card .ready').count()).toBe(0);
  expect(await page.locator('lab-lab-page #results-heading').count()).toBe(0);
}

describe('a setup link for a class', () => {
  let teacher: BrowserContext;
  let student: BrowserContext;

  beforeAll(async () => {
    teacher = await freshProfile();
    student = await freshProfile();
  });

  afterAll(async () => {
    await closeContext(teacher);
    await closeContext(student);
  });

  it('opens the Lab with the teacher’s comparison, experiment and parameters filled in, and nothing run', async () => {
    const link = await teachersLink(await teacher.newPage());
    expect(link).toMatch(/#\/lab\/setup\/[A-Za-z0-9_-]+$/);
    const page = await student.newPage();
    await page.goto(link);
    await expect.poll(() => page.locator('lab-lab-page [data-setup="filled"]').innerText()).toContain('Someone sent you this setup: Rock, paper, scissors on Ministral 3 3B Base and Ministral 3 3B Instruct');
    await expectFilledIn(page);
    await page.locator('nav a', { hasText: 'History' }).click();
    await expect.poll(() => shadowText(page.locator('lab-history-page'))).toMatch(/No runs|no runs/);
  });

  it('refuses a damaged link in plain words, with what is wrong one click away', async () => {
    const page = await student.newPage();
    await page.goto(`${scriptedUrl}#/lab/setup/AbCdEfGh`);
    const refused = page.locator('lab-lab-page [data-setup="damaged"]');
    await expect.poll(() => refused.innerText()).toContain('This setup link is damaged or was changed');
    await refused.locator('summary').click();
    expect(await refused.locator('li').first().innerText()).toContain('This setup link is damaged');
  });
});

describe('a setup link in Japanese', () => {
  let teacher: BrowserContext;
  let student: BrowserContext;

  beforeAll(async () => {
    teacher = await freshProfile({ language: 'ja' });
    student = await freshProfile();
  });

  afterAll(async () => {
    await closeContext(teacher);
    await closeContext(student);
  });

  it('is made in Japanese and opens in Japanese for a student who never chose a language, filled in and not run', async () => {
    const teacherPage = await teacher.newPage();
    const link = await teachersLink(teacherPage);
    expect(await teacherPage.locator('lab-run-form .setup-link').evaluate((node) => node.shadowRoot?.textContent ?? '')).toMatch(JAPANESE);
    const page = await student.newPage();
    await page.goto(link);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await expect.poll(() => page.locator('lab-lab-page [data-setup="filled"]').innerText()).toMatch(JAPANESE);
    await expectFilledIn(page);
  });
});
