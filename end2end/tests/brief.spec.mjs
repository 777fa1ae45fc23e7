// The guided brief, end to end: purpose (with one mistake corrected), people, agenda, review,
// circulation; then the attendee opens their link. With JavaScript on and off; axe-core checks
// every step with JavaScript on.
import { test, expect, hydrated, unique, expectAccessible, signUpFresh } from './support.mjs';

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled, expectedHttpErrors: [422] });

    test('an organizer writes a full brief, circulates it, and an attendee sees why they are there', async ({ page, browser }) => {
      const a11y = async (label) => {
        if (javaScriptEnabled) await expectAccessible(page, label);
      };
      const ready = async () => {
        if (javaScriptEnabled) await hydrated(page);
      };
      const title = unique('Vendor choice <Q3> & "more"');
      await signUpFresh(page);
      await page.getByRole('main').getByRole('link', { name: 'New meeting' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'New meeting' })).toBeVisible();
      await ready();
      await a11y('the purpose step');

      // Purpose, with the outcome forgotten at first
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('Purpose', { exact: true }).selectOption('decide');
      await page.getByLabel('Duration in minutes').fill('45');
      await page.getByLabel('Time zone').selectOption('Europe/Paris');
      await page.getByLabel('Start (optional)').fill('2099-12-01T15:00');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await expect(summary).toBeVisible();
      await expect(summary.getByRole('link', { name: /Enter the desired outcome/ })).toHaveAttribute('href', '#outcome');
      // the answers are still there
      await expect(page.getByLabel('Title')).toHaveValue(title);
      await expect(page.getByLabel('Start (optional)')).toHaveValue('2099-12-01T15:00');
      await a11y('the purpose step with errors');
      await page.getByLabel('Desired outcome').fill('A signed choice between Acme and Globex');
      await page.getByRole('button', { name: 'Save and continue' }).click();

      // People
      await expect(page.getByRole('heading', { level: 1, name: 'Who must be there?' })).toBeVisible();
      await ready();
      await a11y('the people step');
      const addPerson = async (name, role, reason) => {
        await page.getByLabel('Name').fill(name);
        await page.getByLabel('Email address').fill(`${name.toLowerCase()}@example.com`);
        await page.getByLabel('Role').selectOption(role);
        await page.getByLabel('Why are they needed?').fill(reason);
        await page.getByRole('button', { name: 'Add person' }).click();
        await expect(page.getByRole('cell', { name: new RegExp(`^${name}`) })).toBeVisible();
        // the form is ready for the next person
        await expect(page.getByLabel('Name')).toHaveValue('');
      };
      await addPerson('Dana', 'decider', 'she signs the contract');
      await addPerson('Kai', 'informed', 'finance books the spend');
      await expect(page.getByRole('note', { name: 'Suggestions' })).toContainText(
        'Kai only needs to be informed',
      );
      await page.getByRole('link', { name: 'Continue to the agenda' }).click();

      // Agenda: two items that overflow the 45 minutes, then reordered
      await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
      await ready();
      await a11y('the agenda step');
      const addItem = async (itemTitle, kind, minutes, owner) => {
        await page.getByLabel('Title').fill(itemTitle);
        await page.getByLabel('Kind').selectOption(kind);
        await page.getByLabel('Minutes').fill(String(minutes));
        await page.getByLabel('Owner').selectOption({ label: owner });
        await page.getByRole('button', { name: 'Add item' }).click();
        await expect(page.locator('.agenda-list .item-title').filter({ hasText: itemTitle })).toBeVisible();
        await expect(page.getByLabel('Title')).toHaveValue('');
      };
      await addItem('Choose the vendor', 'decide', 30, 'Dana (Decider)');
      await expect(page.getByText('30 of 45 minutes planned')).toBeVisible();
      await addItem('Budget check', 'discuss', 20, 'Kai (Informed)');
      await expect(page.getByText('50 of 45 minutes planned')).toBeVisible();
      await expect(page.getByRole('alert').filter({ hasText: 'runs 5 minutes over' })).toBeVisible();
      await page.getByRole('button', { name: 'Move Budget check up' }).click();
      await expect(page.locator('.agenda-list .item-title').first()).toHaveText('Budget check');
      await page.getByRole('link', { name: 'Continue to the pre-reads' }).click();
      // Pre-reads: optional, so it can be skipped
      await expect(page.getByRole('heading', { level: 1, name: 'Pre-reads (optional)' })).toBeVisible();
      await expect(page.getByRole('note').filter({ hasText: 'This meeting is to decide' })).toBeVisible();
      await ready();
      await a11y('the pre-reads step');
      await page.getByRole('link', { name: 'Skip to the review' }).click();

      // Review and circulate
      await expect(page.getByRole('heading', { level: 1, name: 'Review and circulate' })).toBeVisible();
      await ready();
      await expect(page.getByText('By the end we will have: A signed choice between Acme and Globex')).toBeVisible();
      await expect(page.getByText('Tue 1 Dec 2099, 15:00 (Europe/Paris), 45 minutes')).toBeVisible();
      // 50 of 45 minutes planned: the verdict calls it not ready, and says so by the button
      const notReady = page.getByRole('region', { name: 'This brief is not ready' });
      await expect(notReady).toBeVisible();
      await expect(notReady.getByRole('listitem').first()).toBeVisible();
      await a11y('the review step');
      // circulating it needs an explicit "anyway": without it nothing is sent
      await page.getByRole('button', { name: 'Circulate the brief' }).click();
      const refused = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await expect(refused).toBeVisible();
      await expect(refused.getByRole('link', { name: /This brief is not ready/ })).toHaveAttribute('href', '#anyway');
      await expect(page.getByRole('heading', { level: 1, name: 'Review and circulate' })).toBeVisible();
      await a11y('the review step, refused');
      await page.getByLabel('Circulate it anyway: I know it is not ready').check();
      await page.getByRole('button', { name: 'Circulate the brief' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Send each person their link' })).toBeVisible();
      await a11y('the links page');
      const link = await page.getByLabel('Dana (Decider)').inputValue();
      expect(link).toMatch(/\/i\/pwa_[A-Za-z0-9_-]{43}$/);

      // the brief page, as the organizer sees it
      await page.getByRole('link', { name: 'Done: see the brief' }).click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await a11y('the brief page');
      // the calendar file the invitation speaks of is on the page
      const addToCalendar = async (p) => {
        const calendar = p.getByRole('link', { name: 'Add to calendar (.ics file)' });
        await expect(calendar).toHaveAttribute('href', /^\/api\/v1\/meetings\/[0-9a-f-]+\/calendar\.ics$/);
        const ics = await p.request.get(await calendar.getAttribute('href'));
        expect(ics.status()).toBe(200);
        expect(ics.headers()['content-type']).toContain('text/calendar');
        expect(await ics.text()).toContain('BEGIN:VEVENT');
      };
      await addToCalendar(page);
      // what Prework sent is one link away from the meeting
      await page.getByRole('link', { name: 'Messages sent' }).click();
      await expect(page.getByRole('heading', { level: 2, name: 'Messages' })).toBeVisible();
      await expect(page.getByRole('cell', { name: 'Invitation' }).first()).toBeVisible();
      await page.goBack();

      // the attendee, in a browser of their own
      const context = await browser.newContext({ javaScriptEnabled });
      const guest = await context.newPage();
      await guest.goto(new URL(link).pathname);
      await expect(guest.getByText('You are here as decider because she signs the contract')).toBeVisible();
      await expect(guest.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(guest.getByText('Choose the vendor')).toBeVisible();
      await expect(guest.getByRole('link', { name: 'Edit the brief' })).toHaveCount(0);
      await addToCalendar(guest);
      await context.close();
    });
  });
}
