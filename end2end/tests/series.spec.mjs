// Recurring meetings, with and without JavaScript, on a laptop and a phone: an organizer starts
// a weekly series from the built-in "Weekly sync" template, sees its first occurrence, circulates
// it; an attendee raises a blocker; the organizer holds it; the next occurrence appears with the
// blocker carried over (and put on its agenda); a date is skipped; the series ends.
import { test, expect, unique, expectAccessible, hydrated, signUpFresh, circulateBrief } from './support.mjs';

/** `YYYY-MM-DD` so many days from now (UTC, the zone a fresh account's forms start in). */
function day(offset) {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a weekly series from a template: occurrence, blocker carried over, skip, end', async ({ page, browser }, info) => {
      test.setTimeout(120_000);
      const settle = async (on = page) => {
        if (javaScriptEnabled) await hydrated(on);
      };
      const a11y = async (on, label) => {
        if (javaScriptEnabled) await expectAccessible(on, label);
      };
      await signUpFresh(page, 'Sam');
      await page.getByRole('link', { name: 'Series', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Series' })).toBeVisible();
      await settle();
      await a11y(page, 'the series list');
      await page.getByRole('link', { name: 'New series' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'New series' })).toBeVisible();
      await settle();
      await page.getByLabel('Start from a template').selectOption({ label: 'Weekly sync (Built in)' });
      await page.getByRole('button', { name: 'Use this template' }).click();
      await expect(page.getByRole('heading', { name: 'From “Weekly sync”' })).toBeVisible();
      await settle();
      await a11y(page, 'the new series form');
      const title = unique('Platform sync');
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('First start').fill(`${day(10)}T10:00`);
      await page.getByLabel('Ends on').fill(day(70));
      await page.getByLabel('People (optional)').fill('Dana <dana@example.com>, decider, Runs the platform');
      await page.getByRole('button', { name: 'Start the series' }).click();

      // the series page: its schedule, its first occurrence, no history yet
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await settle();
      const series = page.url();
      await expect(page.getByText('Keep it')).toBeVisible();
      await a11y(page, 'the series page');
      await page.screenshot({ path: `test-results/series-${info.project.name}-js-${javaScriptEnabled ? 'on' : 'off'}.png`, fullPage: true });
      const next = page.getByRole('region', { name: 'Next occurrence' }).getByRole('link');
      const firstDate = await next.innerText();
      await next.click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(page.getByText('Part of the series')).toBeVisible();
      await expect(page.getByText('Blockers', { exact: true })).toBeVisible();
      const meeting = new URL(page.url()).pathname;

      // circulated by hand, and Dana gets her link
      await page.goto(`${meeting}/review`);
      await settle();
      await circulateBrief(page);
      await expect(page.getByRole('heading', { level: 1, name: 'Send each person their link' })).toBeVisible();
      const link = await page.getByLabel('Dana (Decider)').inputValue();

      const dana = await browser.newContext({ javaScriptEnabled });
      const her = await dana.newPage();
      await her.goto(new URL(link).pathname);
      await expect(her.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await her.getByRole('link', { name: 'Written updates' }).first().click();
      await settle(her);
      const open = her.getByRole('link', { name: /^Comment on “Write your update/ });
      await open.click();
      await her.getByLabel('Kind').selectOption('blocker');
      await her.getByLabel('Your comment').fill('The staging cluster is down');
      await her.getByRole('button', { name: 'Post comment' }).click();
      await expect(her.getByText('The staging cluster is down').first()).toBeVisible();
      await dana.close();

      // held: the next occurrence appears (the scheduler looks every few seconds)
      await page.goto(`${meeting}/verdict`);
      await settle();
      await page.getByRole('link', { name: 'Hold it' }).click();
      await page.getByRole('group', { name: 'Hold it?' }).getByRole('button', { name: 'Yes, hold it' }).click();
      await expect(page.getByRole('group', { name: 'Hold it?' })).toHaveCount(0);
      await expect(async () => {
        await page.goto(series);
        const region = page.getByRole('region', { name: 'Next occurrence' });
        await expect(region.getByRole('link')).toHaveCount(1, { timeout: 1_000 });
        await expect(region.getByRole('link', { name: firstDate })).toHaveCount(0, { timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
      await expect(page.getByRole('region', { name: 'History' }).getByRole('cell', { name: 'Held' })).toBeVisible();
      await page.getByRole('region', { name: 'Next occurrence' }).getByRole('link').click();
      const carried = page.getByRole('region', { name: 'Carried over' });
      await expect(carried).toContainText('The staging cluster is down');
      await expect(carried.getByRole('link', { name: /^from / })).toBeVisible();
      await settle();
      await a11y(page, 'an occurrence with what it carries over');
      await carried.getByRole('button', { name: 'Add to the agenda' }).click();
      await expect(page.getByRole('region', { name: 'Carried over' })).toContainText('on the agenda');
      await expect(page.getByRole('region', { name: 'Agenda' })).toContainText('The staging cluster is down');

      // skip a date ahead, then end the series
      await page.goto(series);
      await settle();
      const skipping = page.getByRole('region', { name: 'Skip a date' });
      const date = await skipping.getByLabel('Date').locator('option').first().innerText();
      await skipping.getByRole('button', { name: 'Skip this date' }).click();
      await expect(page.getByText('The date is skipped; the series goes on.')).toBeVisible();
      await expect(page.getByRole('region', { name: 'Schedule' })).toContainText(date);
      await settle();
      await page.getByRole('region', { name: 'End the series' }).getByRole('button', { name: 'End the series' }).click();
      await expect(page.getByText('The series has ended. Its history stays here.')).toBeVisible();
      await expect(page.getByRole('region', { name: 'Next occurrence' })).toContainText('None: the series has ended.');
      await a11y(page, 'an ended series');
    });
  });
}
