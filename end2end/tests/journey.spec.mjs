// The journey as new users walked it (issue 13), on a laptop and on a phone (390×844, touch),
// JavaScript on and off: pre-reads as a step of the brief, the links page (each link whole, a
// copy button, the invitation ready for one's own mail program), commenting far down a long
// pre-read without losing one's place, replies, and who is offered "Resolve". axe-core checks
// every page with JavaScript on, resolved threads included.
import { test, expect, hydrated, unique, expectAccessible, circulateBrief } from './support.mjs';

const PASSWORD = 'correct horse battery staple';
const PARAGRAPHS = Array.from(
  { length: 30 },
  (_, i) => `Paragraph ${i + 1}: ${'the numbers behind this choice, written out so nobody needs a meeting to hear them. '.repeat(3)}`,
);
const VIEWPORTS = {
  laptop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
};

/** A draft `decide` meeting with an agenda item, a long required pre-read and three people. */
async function draftMeeting(request) {
  const email = `${unique('org').replace(/\W/g, '')}@example.com`;
  const signup = await request.post('/api/v1/auth/signup', { data: { name: 'Olga', email, password: PASSWORD } });
  const auth = { Authorization: `Bearer ${(await signup.json()).token}` };
  const meeting = await (
    await request.post('/api/v1/meetings', {
      headers: auth,
      data: { title: unique('Vendor choice'), purpose_kind: 'decide', outcome: 'A vendor chosen', duration_minutes: 30, time_zone: 'UTC' },
    })
  ).json();
  const base = `/api/v1/meetings/${meeting.id}`;
  await request.post(`${base}/agenda`, { headers: auth, data: { title: 'Choose', kind: 'decide', minutes: 20 } });
  const preread = await (
    await request.post(`${base}/prereads`, { headers: auth, data: { title: 'Options', markdown: PARAGRAPHS.join('\n\n'), required: true } })
  ).json();
  const people = {};
  for (const [name, role] of [['Dana', 'decider'], ['Ana', 'contributor'], ['Kai', 'informed']]) {
    people[name] = await (
      await request.post(`${base}/attendees`, {
        headers: auth,
        data: { name, email: `${name.toLowerCase()}@example.com`, role, reason: 'knows the vendors' },
      })
    ).json();
  }
  return { email, auth, meeting, preread, people };
}

async function logIn(page, email) {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your meetings' })).toBeVisible();
}

for (const [device, options] of Object.entries(VIEWPORTS)) {
  for (const javaScriptEnabled of [true, false]) {
    test.describe(`on a ${device}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
      test.use({ ...options, javaScriptEnabled });
      const ready = async (on) => {
        if (javaScriptEnabled) await hydrated(on);
      };
      const a11y = async (on, label) => {
        if (javaScriptEnabled) await expectAccessible(on, label);
      };

      test('the organizer goes through the pre-reads step and sends the links by hand', async ({ page, context, request }) => {
        const { email, meeting } = await draftMeeting(request);
        await logIn(page, email);
        await page.goto(`/meetings/${meeting.id}/agenda`);
        await ready(page);
        await page.getByRole('link', { name: 'Continue to the pre-reads' }).click();

        // the optional step lists the pre-read and leads on to the review
        await expect(page.getByRole('heading', { level: 1, name: 'Pre-reads (optional)' })).toBeVisible();
        await ready(page);
        const steps = page.getByRole('navigation', { name: 'Steps of the brief' });
        await expect(steps.locator('[aria-current="step"]')).toHaveText('4. Pre-reads');
        await expect(page.locator('.prereads li')).toContainText(['Options · required · about']);
        await expect(page.getByRole('link', { name: 'Edit “Options”' })).toBeVisible();
        await a11y(page, 'the pre-reads step');
        await page.getByRole('link', { name: 'Continue to the review' }).click();
        await expect(page.getByRole('heading', { level: 1, name: 'Review and circulate' })).toBeVisible();
        await ready(page);
        await circulateBrief(page);

        // the links page
        await expect(page.getByRole('heading', { level: 1, name: 'Send each person their link' })).toBeVisible();
        await ready(page);
        const dana = page.getByLabel('Dana (Decider)');
        const link = await dana.inputValue();
        expect(link).toMatch(/\/i\/pwa_[A-Za-z0-9_-]{43}$/);
        // the whole link shows: it wraps instead of running out of its box
        for (const box of await page.locator('.link-field').all()) {
          const { scrollWidth, clientWidth } = await box.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
          expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
        }
        // each invitation, ready to send from one's own mail program, link included
        const mail = page.getByRole('link', { name: 'Email the invitation to Dana (Decider)' });
        const href = await mail.getAttribute('href');
        expect(href).toMatch(/^mailto:dana@example\.com\?subject=Prepare%20for%3A%20Vendor%20choice/);
        const body = decodeURIComponent(new URL(href).searchParams.get('body') ?? /body=([^&]*)/.exec(href)[1]);
        expect(body).toContain('You are here as decider. Why you: knows the vendors.');
        expect(body).toContain(link);
        const kai = await page.getByRole('link', { name: 'Email the invitation to Kai (Informed)' }).getAttribute('href');
        expect(kai).toContain('subject=For%20your%20information');
        expect(kai).toContain(encodeURIComponent(await page.getByLabel('Kai (Informed)').inputValue()).replace(/%2F/g, '/'));
        // every link in one box, one per line
        const all = await page.getByLabel('All links, one per line').inputValue();
        expect(all.split('\n')).toHaveLength(3);
        expect(all).toContain(`Dana (Decider): ${link}`);

        const copy = page.getByRole('button', { name: "Copy Dana (Decider)'s link" });
        if (javaScriptEnabled) {
          await context.grantPermissions(['clipboard-read', 'clipboard-write']);
          await copy.click();
          await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toHaveCount(1);
          expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
          // focusing a box selects its link, ready to copy by hand
          const ana = page.getByLabel('Ana (Contributor)');
          await ana.focus();
          const selected = await ana.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
          expect(selected).toBe(await ana.inputValue());
          await page.getByRole('button', { name: 'Copy all links' }).click();
          expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(all);
        } else {
          // a button that cannot work is not offered
          await expect(copy).toBeHidden();
        }
        await a11y(page, 'the links page');
        await page.screenshot({ path: `test-results/links-${device}-js-${javaScriptEnabled ? 'on' : 'off'}.png`, fullPage: true });
      });

      test('an attendee comments far down a long pre-read and keeps their place', async ({ page, browser, request }) => {
        const { auth, meeting, preread, people } = await draftMeeting(request);
        expect((await request.post(`/api/v1/meetings/${meeting.id}/circulate`, { headers: auth })).status()).toBe(200);

        await page.goto(new URL(people.Ana.link).pathname);
        await expect(page.getByRole('heading', { level: 1, name: meeting.title })).toBeVisible();
        await page.goto(`/meetings/${meeting.id}/prereads/${preread.id}`);
        await ready(page);
        const row = page.locator('.block-row').filter({ hasText: 'Paragraph 25:' });
        const open = row.getByRole('link', { name: /^Comment on “Paragraph 25:/ });
        await open.scrollIntoViewIfNeeded();
        const before = await page.evaluate(() => window.scrollY);
        expect(before).toBeGreaterThan(1000);
        if (device === 'phone') await open.tap();
        else await open.click();
        const box = page.getByLabel('Your comment');
        await expect(box).toBeInViewport();
        if (javaScriptEnabled) {
          // the box opens where the reader is, with the focus in it
          await expect(box).toBeFocused();
          expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(900);
        }
        await page.getByLabel('Kind').selectOption('concern');
        await box.fill('Paragraph 25 hides the support cost.');
        await page.getByRole('button', { name: 'Post comment' }).click();

        // posting lands on the new comment
        const thread = row.locator('.thread').filter({ hasText: 'Paragraph 25 hides the support cost.' });
        await expect(page).toHaveURL(/#thread-[0-9a-f-]{36}$/);
        await expect(thread).toBeInViewport();
        if (javaScriptEnabled) await expect(thread).toBeFocused();

        // a reply: posted, shown, and the reply box closed and empty again
        await thread.getByText('Reply', { exact: true }).click();
        await thread.getByLabel('Your reply').fill('Support is 35k a year.');
        await thread.getByRole('button', { name: 'Post reply' }).click();
        await expect(thread.locator('.reply')).toContainText('Support is 35k a year.');
        await expect(thread).toBeInViewport();
        await expect(thread.locator('details')).not.toHaveAttribute('open', '');
        await expect(thread.getByLabel('Your reply')).toHaveValue('');
        await expect(thread.getByRole('button', { name: 'Resolve' })).toBeVisible();

        // another attendee may not resolve Ana's thread, and is not offered to
        const other = await browser.newContext({ ...options, javaScriptEnabled });
        const dana = await other.newPage();
        await dana.goto(new URL(people.Dana.link).pathname);
        await dana.goto(`/meetings/${meeting.id}/prereads/${preread.id}`);
        await ready(dana);
        const seen = dana.locator('.thread').filter({ hasText: 'Paragraph 25 hides the support cost.' });
        await expect(seen).toBeVisible();
        await expect(seen.getByRole('button', { name: 'Resolve' })).toHaveCount(0);

        // once the organizer resolves it, the page still passes axe (contrast included)
        const comments = await (await request.get(`/api/v1/prereads/${preread.id}/comments`, { headers: auth })).json();
        const top = comments.comments.find((c) => c.parent_id === null);
        expect((await request.post(`/api/v1/comments/${top.id}/resolve`, { headers: auth, data: { resolved: true } })).status()).toBe(200);
        await dana.reload();
        await ready(dana);
        await expect(seen).toContainText('resolved');
        await a11y(dana, 'a pre-read page with a resolved thread');
        await other.close();
      });
    });
  }
}
