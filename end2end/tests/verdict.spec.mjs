// The verdict end to end: the live preview on the purpose step (JS on: it follows the form
// without saving; JS off: it is the server's, at each step), the verdict page with its reasons,
// cost and working hours, one-click "Cancel and go async", and the outcome record that the
// informed person reads. axe-core checks each page with JS on.
import { test, expect, hydrated, unique, expectAccessible, signUpFresh, circulateBrief } from './support.mjs';

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('the organizer reads the verdict, cancels, and everyone gets the outcome', async ({ page, browser }) => {
      const a11y = async (label) => {
        if (javaScriptEnabled) await expectAccessible(page, label);
      };
      const ready = async (on = page) => {
        if (javaScriptEnabled) await hydrated(on);
      };
      const title = unique('Weekly update');
      await signUpFresh(page);
      await page.getByRole('main').getByRole('link', { name: 'New meeting' }).click();
      await ready();
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('Purpose', { exact: true }).selectOption('decide');
      await page.getByLabel('Desired outcome').fill('Everyone knows the numbers');
      await page.getByLabel('Duration in minutes').fill('30');
      await page.getByLabel('Hourly rate (optional)').fill('100');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Who must be there?' })).toBeVisible();
      await ready();
      for (const [name, role] of [['Dana', 'decider'], ['Ana', 'contributor'], ['Kai', 'informed']]) {
        await page.getByLabel('Name').fill(name);
        await page.getByLabel('Email address').fill(`${name.toLowerCase()}@example.com`);
        await page.getByLabel('Role').selectOption(role);
        await page.getByLabel('Why are they needed?').fill('needs the numbers');
        await page.getByRole('button', { name: 'Add person' }).click();
        await expect(page.getByRole('cell', { name: new RegExp(`^${name}`) })).toBeVisible();
      }
      await page.getByRole('link', { name: 'Continue to the agenda' }).click();
      await ready();
      await page.getByLabel('Title').fill('The numbers');
      await page.getByLabel('Kind').selectOption('inform');
      await page.getByLabel('Minutes').fill('20');
      await page.getByRole('button', { name: 'Add item' }).click();
      await expect(page.locator('.agenda-list .item-title').filter({ hasText: 'The numbers' })).toBeVisible();
      await page.getByRole('link', { name: 'Continue to the pre-reads' }).click();
      await page.getByRole('link', { name: 'Skip to the review' }).click();
      await ready();
      await circulateBrief(page);
      const link = await page.getByLabel('Kai (Informed)').inputValue();
      await page.getByRole('link', { name: 'Done: see the brief' }).click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await ready();

      // the brief shows the verdict: Kai only needs the outcome
      const box = page.getByRole('region', { name: /Could this be async\?/ });
      await expect(box).toContainText('Shorten');
      await expect(box).toContainText('20 minutes with 2 people instead of 30 with 3');

      // the purpose step previews the verdict as the form changes
      await page.goto(page.url() + '/purpose');
      await ready();
      const preview = page.getByRole('complementary', { name: 'Verdict so far' });
      await expect(preview).toContainText('Shorten');
      if (javaScriptEnabled) {
        await page.getByLabel('Purpose', { exact: true }).selectOption('inform');
        await expect(preview).toContainText('Cancel and go async: its purpose is only to inform.');
        await page.getByLabel('Purpose', { exact: true }).selectOption('decide');
        await page.getByLabel('Duration in minutes').fill('15');
        await expect(preview).toContainText('Not ready: The agenda needs 20 minutes; the meeting has 15.');
        await a11y('the purpose step with the preview');
      }
      await page.getByLabel('Purpose', { exact: true }).selectOption('inform');
      await page.getByLabel('Duration in minutes').fill('30');
      await page.getByRole('button', { name: 'Save and review' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Review and circulate' })).toBeVisible();

      // the verdict page
      await page.goto(page.url().replace(/\/review$/, '/verdict'));
      await expect(page.getByRole('heading', { level: 1, name: 'Could this be async?' })).toBeVisible();
      await ready();
      await expect(page.getByText('Cancel and go async: its purpose is only to inform.')).toBeVisible();
      await expect(page.getByRole('img', { name: /Weight of the reasons: \d+ for async/ })).toBeVisible();
      const cost = page.getByRole('table');
      await expect(cost.getByRole('row', { name: /Attendee-hours 1\.50 0\.00/ })).toBeVisible();
      await expect(cost.getByRole('row', { name: /Money .* 150\.00 0\.00/ })).toBeVisible();
      await expect(page.getByRole('img', { name: /shares 09:00 to 17:00/ })).toBeVisible();
      await a11y('the verdict page');
      // holding asks first too: it mails the outcome to everyone
      await page.getByRole('link', { name: 'Hold it' }).click();
      const hold = page.getByRole('group', { name: 'Hold it?' });
      await expect(hold).toContainText('Everyone invited gets the outcome record now');
      await expect(page.getByRole('region', { name: 'Outcome record' })).toHaveCount(0);
      await hold.getByRole('link', { name: 'Keep it as it is' }).click();
      await expect(page.getByRole('group', { name: 'Hold it?' })).toHaveCount(0);
      // cancelling asks first, on a second step that works without JavaScript
      await page.getByRole('link', { name: 'Cancel and go async' }).click();
      const confirm = page.getByRole('group', { name: 'Cancel and go async?' });
      await expect(confirm).toContainText('Everyone invited gets the outcome record instead.');
      await expect(page.getByRole('region', { name: 'Outcome record' })).toHaveCount(0);
      await a11y('the verdict page asking to confirm');
      await confirm.getByRole('button', { name: 'Yes, cancel and go async' }).click();
      const record = page.getByRole('region', { name: 'Outcome record' });
      await expect(record).toContainText('Cancelled: the work continues in writing.');
      await expect(record.getByRole('link', { name: 'Download as Markdown' })).toHaveAttribute('href', /outcome\.md$/);
      // no start, so no calendar entry to offer
      await expect(record.getByRole('link', { name: /calendar/ })).toHaveCount(0);
      await expect(page.getByRole('link', { name: 'Cancel and go async' })).toHaveCount(0);
      // the card now says what was decided; the live verdict folds away beneath it
      await expect(page.getByRole('heading', { level: 2, name: 'Cancelled, going async' })).toBeVisible();
      await expect(page.getByText(/^Decided on .+\)\. The outcome record below went to everyone invited\.$/)).toBeVisible();
      await a11y('the verdict page with the outcome');

      // the informed person reads the outcome on the brief
      const context = await browser.newContext({ javaScriptEnabled });
      const guest = await context.newPage();
      await guest.goto(new URL(link).pathname);
      await expect(guest.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await ready(guest);
      await expect(guest.getByRole('region', { name: 'Outcome record' })).toContainText('Everyone knows the numbers');
      // informed people are asked nothing, and told why
      await expect(guest.getByRole('heading', { level: 2, name: 'You are informed' })).toBeVisible();
      await expect(guest.getByText('You are on the list to hear the outcome, not to meet')).toBeVisible();
      await expect(guest.getByRole('button', { name: "I'm ready" })).toHaveCount(0);
      // the cost in time is everyone's; the money, which tells the hourly rate, the organizer's
      await guest.goto(`/meetings/${new URL(page.url()).pathname.split('/')[2]}/verdict`);
      const theirCost = guest.getByRole('region', { name: 'Cost' });
      await expect(theirCost.getByRole('row', { name: /Attendee-hours/ })).toBeVisible();
      await expect(theirCost.getByRole('row', { name: /Money/ })).toHaveCount(0);
      await context.close();

      // the dashboard says what was decided, without a verdict that no longer applies
      await page.goto('/');
      const listed = page.getByRole('listitem').filter({ hasText: title });
      await expect(listed).toContainText('Cancelled');
      await expect(listed.locator('.verdict-badge')).toHaveCount(0);
    });
  });
}
