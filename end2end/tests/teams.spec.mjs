// Teams, with and without JavaScript: a lead creates a team and sets its norms; a brief that
// breaks two of them shows both while it is written, is refused at circulating with both
// named, circulates once the organizer says why, and an attendee sees that reason.
import { test, expect, unique, expectAccessible, hydrated, signUpFresh } from './support.mjs';

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled, expectedHttpErrors: [422] });

    test('a lead sets the norms, a brief that breaks two is refused until the organizer says why', async ({ page, browser }) => {
      const settle = async () => {
        if (javaScriptEnabled) await hydrated(page);
      };
      // axe runs as a script in the page: only with JavaScript on
      const a11y = async (on, label) => {
        if (javaScriptEnabled) await expectAccessible(on, label);
      };
      await signUpFresh(page, 'Lena');
      await page.getByRole('link', { name: 'Teams' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
      await settle();
      await a11y(page, 'the teams page');
      const team = unique('Platform');
      await page.getByLabel('Team name').fill(team);
      await page.getByRole('button', { name: 'Create the team' }).click();
      await expect(page.getByRole('heading', { level: 1, name: team })).toBeVisible();
      await settle();
      await page.getByLabel('Most people on one invitation (1–200)').fill('1');
      await page.getByLabel('Longest meeting, in minutes (5–480)').fill('30');
      await page.getByRole('button', { name: 'Save the norms' }).click();
      await expect(page.getByText('The norms are saved.')).toBeVisible();
      await expect(page.getByText('At most 1 person invited; at most 30 minutes.')).toBeVisible();
      await a11y(page, 'the team page');

      // the brief: 45 minutes and two people, against 30 and 1
      await page.goto('/meetings/new');
      await settle();
      await page.getByLabel('Team').selectOption({ label: team });
      await page.getByLabel('Title').fill(unique('Roadmap'));
      await page.getByLabel('Purpose', { exact: true }).selectOption('plan');
      await page.getByLabel('Desired outcome').fill('A roadmap everyone signed');
      await page.getByLabel('Duration in minutes').fill('45');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Who must be there?' })).toBeVisible();
      await settle();
      for (const name of ['Dana', 'Eli']) {
        await page.getByLabel('Name').fill(name);
        await page.getByLabel('Email address').fill(`${name.toLowerCase()}@example.com`);
        await page.getByLabel('Why are they needed?').fill('Owns a part of it');
        await page.getByRole('button', { name: 'Add person' }).click();
        await expect(page.getByRole('cell', { name, exact: true }).or(page.getByText(name, { exact: true })).first()).toBeVisible();
      }
      // the breach shows on the step where it arises
      const norms = page.getByRole('note', { name: "Your team's norms" });
      await expect(norms).toContainText('2 people invited; your team\'s limit is 1. Take one off, or say why.');
      await expect(norms).not.toContainText('minutes planned');
      const brief = new URL(page.url()).pathname.replace(/\/people$/, '');
      await page.goto(`${brief}/purpose`);
      await expect(page.getByRole('note', { name: "Your team's norms" })).toContainText('45 minutes planned; your team\'s limit is 30.');
      await a11y(page, 'the purpose step with a breach');

      await page.goto(`${brief}/review`);
      await settle();
      const both = page.getByRole('note', { name: "Your team's norms" });
      await expect(both.getByRole('listitem')).toHaveCount(2);
      await a11y(page, 'the review step with breaches');
      const anyway = page.getByLabel('Circulate it anyway: I know it is not ready');
      if (await anyway.count()) await anyway.check();
      await page.getByRole('button', { name: 'Circulate the brief' }).click();
      const refused = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await expect(refused).toContainText("This meeting breaks 2 of your team's norms");
      await expect(page.getByRole('heading', { level: 1, name: 'Review and circulate' })).toBeVisible();
      await settle();
      const again = page.getByLabel('Circulate it anyway: I know it is not ready');
      if (await again.count()) await again.check();
      await page.getByLabel("Why this meeting breaks the team's norms").fill('The launch needs both owners in one call');
      await page.getByRole('button', { name: 'Circulate the brief' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Send each person their link' })).toBeVisible();
      const link = await page.getByLabel('Dana (Contributor)').inputValue();

      // an attendee sees the exception, with its reason
      const guest = await browser.newContext({ javaScriptEnabled });
      const attendee = await guest.newPage();
      await attendee.goto(link);
      const exceptions = attendee.getByRole('region', { name: "Exceptions to the team's norms" });
      await expect(exceptions).toContainText('The launch needs both owners in one call');
      await expect(exceptions.getByRole('listitem')).toHaveCount(2);
      await a11y(attendee, 'the brief with exceptions');
      await guest.close();
    });
  });
}
