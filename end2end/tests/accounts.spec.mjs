// Accounts and access in the browser: sign up, create, sign out, sign in; an attendee's link in
// a fresh browser; the CSP lets the app hydrate. With JavaScript on and off.
import { test, expect, hydrated, signUpFresh, unique, expectAccessible } from './support.mjs';

const PASSWORD = 'correct horse battery staple';

async function signUp(page, name, email) {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your meetings' })).toBeVisible();
}

async function createMeeting(page, title) {
  await page.getByRole('main').getByRole('link', { name: 'New meeting' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Desired outcome').fill('A decision everyone can live with');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Who must be there?' })).toBeVisible();
}

/** Sets up a circulated meeting with one attendee through the JSON API; returns the link. */
async function circulatedMeeting(request, title) {
  const email = `${unique('api').replace(/\W/g, '')}@example.com`;
  const signup = await request.post('/api/v1/auth/signup', {
    data: { name: 'Olga Organizer', email, password: PASSWORD },
  });
  expect(signup.status()).toBe(201);
  const headers = { authorization: `Bearer ${(await signup.json()).token}` };
  const meeting = await request.post('/api/v1/meetings', {
    headers,
    data: { title, purpose_kind: 'decide', outcome: 'A chosen vendor', duration_minutes: 45, time_zone: 'Europe/Paris' },
  });
  expect(meeting.status()).toBe(201);
  const id = (await meeting.json()).id;
  const attendee = await request.post(`/api/v1/meetings/${id}/attendees`, {
    headers,
    data: { name: 'Dana Decider', email: 'dana@example.com', role: 'decider', reason: 'she signs the contract' },
  });
  expect(attendee.status()).toBe(201);
  const { token, link } = await attendee.json();
  expect(link.endsWith(`/i/${token}`)).toBeTruthy();
  expect((await request.post(`/api/v1/meetings/${id}/circulate`, { headers })).status()).toBe(200);
  return { id, token };
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';

  test.describe(`with ${mode}`, () => {
    test.use({ javaScriptEnabled });

    test('sign up, create a meeting, sign out, sign in and find it again', async ({ page }) => {
      const email = `${unique('ana').replace(/\W/g, '')}@example.com`;
      const title = unique('Pricing decision');
      await signUp(page, 'Ana Organizer', email);
      if (javaScriptEnabled) await hydrated(page);
      await createMeeting(page, title);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('heading', { name: 'Make meetings earn their place' })).toBeVisible();
      await page.goto('/');
      await expect(page.getByText(title)).toHaveCount(0);

      await page.getByRole('link', { name: 'Sign in' }).first().click();
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('link', { name: title })).toBeVisible();
    });

    test.describe('a sign-up with a mistake', () => {
      test.use({ expectedHttpErrors: [422] });

      test('keeps the name and the address, never the password, and starts at the summary', async ({ page }) => {
        await page.goto('/signup');
        if (javaScriptEnabled) await hydrated(page);
        await page.getByLabel('Your name').fill('Ana Organizer');
        await page.getByLabel('Email address').fill('ana@example');
        await page.getByLabel('Password').fill('short');
        await page.getByRole('button', { name: 'Create account' }).click();
        const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
        await expect(summary).toBeVisible();
        await expect(summary).toBeFocused();
        await expect(page.getByLabel('Your name')).toHaveValue('Ana Organizer');
        await expect(page.getByLabel('Email address')).toHaveValue('ana@example');
        await expect(page.getByLabel('Password')).toHaveValue('');
      });
    });

    test.describe('a wrong password', () => {
      test.use({ expectedHttpErrors: [401] });

      test('is refused with a message that does not say which part was wrong', async ({ page }) => {
        await page.goto('/login');
        if (javaScriptEnabled) await hydrated(page);
        await page.getByLabel('Email address').fill('nobody@example.com');
        await page.getByLabel('Password').fill('not the password');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await expect(page.getByRole('alert')).toContainText('The email address or password is not right.');
      });
    });

    test('an attendee opens their personal link in a fresh browser', async ({ page, request }) => {
      const title = unique('Vendor choice');
      const { id, token } = await circulatedMeeting(request, title);
      await page.goto(`/i/${token}`);
      // the secret leaves the address bar at once
      await expect(page).toHaveURL(new RegExp(`/meetings/${id}$`));
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(page.getByText('You are here as decider because she signs the contract')).toBeVisible();
      if (javaScriptEnabled) await hydrated(page);
      // their frame is theirs, not an organizer's: their name, their meetings, no organizer actions
      const header = page.getByRole('navigation', { name: 'Main' });
      await expect(header).toContainText('Dana');
      await expect(header.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
      await expect(header.getByRole('link', { name: 'Create an account' })).toHaveCount(0);
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1, name: 'Your invitations' })).toBeVisible();
      await expect(page.getByRole('link', { name: title })).toBeVisible();
      await expect(page.getByRole('link', { name: 'New meeting' })).toHaveCount(0);
      await expect(header.getByRole('link', { name: 'Settings' })).toHaveCount(0);
      if (javaScriptEnabled) await expectAccessible(page, 'the invitations of a guest');
    });
  });
}

test('the app hydrates under its Content-Security-Policy without a violation', async ({ page }) => {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const response = await page.goto('/signup');
  expect(response.headers()['content-security-policy']).toContain("'wasm-unsafe-eval'");
  await hydrated(page);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);

  // a page whose islands load as lazy chunks (the purpose hints, the live verdict)
  await signUpFresh(page);
  await page.goto('/meetings/new');
  await hydrated(page);
  await page.getByLabel('Purpose', { exact: true }).selectOption('inform');
  await expect(page.getByText('An update is usually better written down.')).toBeVisible();
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
});
