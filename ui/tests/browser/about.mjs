// Browser flow of the About box: reachable locked and unlocked, it shows the version and licence the
// app reports about itself and says where new versions come from, without any network call.
// Registered by run.mjs; screenshots land in ui/test-results/ as about-*.png.
import assert from 'node:assert/strict';
import { checkA11y, expectFocus, expectText, screenshot, test } from './harness.mjs';

const GOOD = 'maple river lantern quietly';
const callsTo = (page, cmd) => page.evaluate((c) => window.__carefileFake.callsTo(c), cmd);

async function openAbout(page) {
  await page.click('#about-open');
  await expectText(page, '#about-version', '0.1.0');
  assert.equal(await page.locator('#about').evaluate((d) => d.open), true);
}

test('about: version, licence and where updates come from, with no network call', async ({ open }) => {
  const requests = [];
  const page = await open({ vault: { exists: true, unlocked: false, name: "Sam's record", passphrase: GOOD } });
  page.on('request', (r) => {
    if (/^https?:/.test(r.url()) && !r.url().startsWith('http://localhost') && !r.url().startsWith('http://127.0.0.1')) {
      requests.push(r.url());
    }
  });
  await page.locator('#unlock-passphrase').waitFor();
  await openAbout(page);
  await expectText(page, '#about-title', 'About Carefile');
  await expectText(page, '#about-licence', 'AGPL-3.0-or-later');
  await expectText(page, '#about-licence', 'GNU Affero General Public License');
  await expectText(page, '#about-updates', 'does not check for updates');
  await expectText(page, '#about-updates', 'Releases page');
  await expectText(page, '#about', 'before-upgrade');
  await checkA11y(page, 'about (locked)');
  await screenshot(page, 'about-01-locked');

  // Escape closes it and focus returns to the button that opened it.
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#about').evaluate((d) => d.open), false);
  await expectFocus(page, 'about-open');

  // Asked once: the answer is kept while the app runs.
  await openAbout(page);
  await page.click('#about-close');
  assert.equal(await page.locator('#about').evaluate((d) => d.open), false);
  assert.equal((await callsTo(page, 'app_about')).length, 1);

  // Unlocked: the same box from the home screen's top bar, beside Lock.
  await page.fill('#unlock-passphrase', GOOD);
  await page.click('#unlock');
  await page.locator('#home-title').waitFor();
  await openAbout(page);
  await checkA11y(page, 'about (unlocked)');
  await screenshot(page, 'about-02-unlocked');
  await page.keyboard.press('Escape');
  assert.deepEqual(requests, [], 'no request leaves the machine');
});
