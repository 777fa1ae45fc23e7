// Pre-reads end to end: the organizer writes one (with the live preview when JS is on) and
// circulates the brief; the attendee opens their link, reads, comments on the second paragraph,
// replies and marks it read; the organizer sees the thread beside that paragraph, resolves it and
// sees the readiness progress. With JavaScript on and off; axe-core checks each page with it on.
import { test, expect, hydrated, unique, expectAccessible, signUpFresh, circulateBrief } from './support.mjs';

const TEXT = [
  '# Vendor options',
  '',
  'We looked at two vendors this quarter and both can deliver by March.',
  '',
  'Acme costs **40% more** but includes support; Globex needs a contractor.',
  '',
  '- Acme: 120k',
  '- Globex: 85k plus support',
].join('\n');

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('an attendee comments on a paragraph and the organizer resolves it', async ({ page, browser }) => {
      const a11y = async (on, label) => {
        if (javaScriptEnabled) await expectAccessible(on, label);
      };
      const ready = async (on) => {
        if (javaScriptEnabled) await hydrated(on);
      };
      const title = unique('Vendor pre-read');
      await signUpFresh(page);

      // a meeting with one attendee
      await page.getByRole('main').getByRole('link', { name: 'New meeting' }).click();
      await ready(page);
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('Purpose', { exact: true }).selectOption('decide');
      await page.getByLabel('Desired outcome').fill('A vendor chosen');
      await page.getByLabel('Duration in minutes').fill('30');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Who must be there?' })).toBeVisible();
      await ready(page);
      await page.getByLabel('Name').fill('Ana');
      await page.getByLabel('Email address').fill('ana@example.com');
      await page.getByLabel('Role').selectOption('contributor');
      await page.getByLabel('Why are they needed?').fill('she ran the vendor trials');
      await page.getByRole('button', { name: 'Add person' }).click();
      await expect(page.getByRole('cell', { name: /^Ana/ })).toBeVisible();
      await page.getByRole('link', { name: 'Continue to the agenda' }).click();
      await page.getByRole('link', { name: 'Continue to the pre-reads' }).click();
      await page.getByRole('link', { name: 'Skip to the review' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Review and circulate' })).toBeVisible();
      await ready(page);
      await circulateBrief(page);
      const link = await page.getByLabel('Ana (Contributor)').inputValue();
      await page.getByRole('link', { name: 'Done: see the brief' }).click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await ready(page);

      // the organizer writes the pre-read
      await page.getByRole('link', { name: 'Add a pre-read' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Add a pre-read' })).toBeVisible();
      await ready(page);
      await page.getByLabel('Title').fill('Vendor options');
      await page.getByLabel('Text').fill(TEXT);
      if (javaScriptEnabled) {
        // the preview follows the text, rendered by the server
        const preview = page.getByRole('region', { name: 'Preview' });
        await expect(preview.getByRole('heading', { name: 'Vendor options' })).toBeVisible();
        await expect(preview.locator('strong')).toHaveText('40% more');
        await a11y(page, 'the pre-read editor');
      }
      await page.getByRole('button', { name: 'Save and view' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Vendor options' })).toBeVisible();
      await expect(page.getByText('Required reading · about 1 min · version 1')).toBeVisible();

      // the attendee, in a browser of their own
      const context = await browser.newContext({ javaScriptEnabled });
      const guest = await context.newPage();
      await guest.goto(new URL(link).pathname);
      await expect(guest.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await ready(guest);
      await guest.getByRole('link', { name: 'Vendor options' }).click();
      await expect(guest.getByRole('heading', { level: 1, name: 'Vendor options' })).toBeVisible();
      await ready(guest);
      await a11y(guest, 'the pre-read page');
      const second = guest.locator('.block-row').filter({ hasText: 'Acme costs' });
      await second.getByRole('link', { name: 'Comment on “Acme costs 40% more but includes…”' }).click();
      await guest.getByLabel('Kind').selectOption('concern');
      await guest.getByLabel('Your comment').fill('Is the support worth 35k a year?');
      await a11y(guest, 'the pre-read page with the comment box');
      await guest.getByRole('button', { name: 'Post comment' }).click();
      const thread = second.locator('.thread').filter({ hasText: 'Is the support worth 35k a year?' });
      await expect(thread).toBeVisible();
      await expect(thread).toContainText('Ana (contributor)');
      // posting lands on the new comment, not at the top of the page
      await expect(guest).toHaveURL(/#thread-[0-9a-f-]{36}$/);
      await expect(thread).toBeInViewport();

      await thread.getByText('Reply', { exact: true }).click();
      await thread.getByLabel('Your reply').fill('We pay a contractor 50k for the same.');
      await thread.getByRole('button', { name: 'Post reply' }).click();
      await expect(thread.locator('.reply')).toContainText('We pay a contractor 50k for the same.');
      // a reply has no kind of its own; the thread's author may resolve it
      await expect(thread.locator('.reply .tag')).toHaveCount(0);
      await expect(thread.getByRole('button', { name: 'Resolve' })).toBeVisible();

      await guest.getByRole('button', { name: 'Mark as read' }).click();
      await expect(guest.getByText('✓ You have read this.')).toBeVisible();
      // the reader lands where they acted, told what happened
      await expect(guest).toHaveURL(/\?done=read#reading$/);
      await expect(guest.getByRole('status').filter({ hasText: 'Marked as read.' })).toBeVisible();
      await context.close();

      // the organizer sees the thread beside the paragraph and the open concern
      await page.reload();
      await ready(page);
      const row = page.locator('.block-row').filter({ hasText: 'Acme costs' });
      const seen = row.locator('.thread').filter({ hasText: 'Is the support worth 35k a year?' });
      await expect(seen).toBeVisible();
      await expect(seen.locator('.reply')).toContainText('We pay a contractor 50k');
      // the owner's focus map: comments by kind beside the paragraph
      await expect(row.locator('.focus-badges')).toContainText('1 concern');
      const focus = page.getByRole('region', { name: 'What the meeting must be about' });
      await expect(focus.getByRole('link', { name: 'Is the support worth 35k a year?' })).toBeVisible();
      await a11y(page, 'the pre-read page as the organizer');
      await seen.getByRole('button', { name: 'Resolve' }).click();
      await expect(seen.getByRole('button', { name: 'Reopen' })).toBeVisible();
      // back at the thread, not the top of a long pre-read, with a status message
      await expect(page).toHaveURL(/\?done=resolved-[0-9a-f-]+#thread-[0-9a-f-]+$/);
      await expect(seen.getByRole('status')).toHaveText('Resolved.');
      await expect(seen).toContainText('resolved');
      await expect(page.getByRole('region', { name: 'What the meeting must be about' })).toHaveCount(0);

      // readiness on the brief
      await page.getByRole('link', { name: title }).click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await ready(page);
      const readiness = page.getByRole('region', { name: 'Readiness' });
      await expect(readiness.getByText('Vendor options: read by 1 of 1')).toBeVisible();
      await expect(readiness.getByRole('progressbar', { name: 'Vendor options: read by 1 of 1' })).toHaveAttribute(
        'value',
        '1',
      );
      await expect(readiness.getByRole('row', { name: /Ana \(contributor\) 1 of 1/ })).toBeVisible();
      await a11y(page, 'the brief with readiness');
    });
  });
}
