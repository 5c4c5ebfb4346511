// Browser flow of the Packs screen against the fake bundle handlers in fake-tauri.js, with axe.
// Registered by run.mjs; screenshots land in ui/test-results/ as packs-*.png.
import assert from 'node:assert/strict';
import { checkA11y, checkNoSidewaysScroll, eventually, expectText, screenshot, test } from './harness.mjs';

const SAM = {
  id: 'ch-sam',
  name: 'Sam Example',
  preferredName: 'Sam',
  dob: '2015-12-25',
  localAuthority: 'Anytown Council',
  setting: 'Sample Street Primary',
  aboutMe: { likes: '', matters: '', support: '' },
  created: '2025-01-01T00:00:00Z',
};
const VAULT = { vault: { exists: true, unlocked: true, name: "Sam's record", passphrase: 'maple river lantern quietly' }, record: { children: [SAM] } };

async function look(page, name, label) {
  await page.setViewportSize({ width: 1000, height: 720 });
  await checkA11y(page, label);
  await checkNoSidewaysScroll(page, label);
  await screenshot(page, `packs-${name}`);
}

test('packs: a tribunal bundle plans live, reorders from the keyboard, warns over budget, builds with progress', async ({ open }) => {
  const page = await open(VAULT);
  await page.locator('#home-title').waitFor();
  await page.click('#nav-packs');
  await expectText(page, 'main h1', 'Packs');
  await expectText(page, '#pack-summary', 'Tribunal bundle');
  // Defaults: documents by kind, in date order; the plan's numbers and warnings are shown.
  await expectText(page, '#pack-section-D', "Parent's evidence");
  await expectText(page, 'main', 'Educational psychology report');
  await expectText(page, '#pack-warnings', 'SEND7');
  await expectText(page, '#pack-warnings', '16 pages');
  await look(page, '01-tribunal', 'packs (tribunal plan)');

  // Keyboard only: move the later report up, with a Move up button reached by Tab.
  const up = page.getByRole('button', { name: 'Move up: Speech and language therapy report' });
  await up.focus();
  await page.keyboard.press('Enter');
  await eventually(async () => {
    const order = await page.locator('.pack-section:has(#pack-section-D) .docs li .title').allTextContents();
    return order[0].startsWith('Speech and language therapy report');
  }, 'the SALT report moved to the top of section D');
  const sent = await page.evaluate(() => window.__carefileFake.callsTo('bundle_plan').at(-1).args.request.sections[3]);
  assert.deepEqual(sent.documentIds, ['doc-salt', 'doc-ep', 'doc-photo']);
  assert.equal(sent.order, 'as_given');

  // Take one out, then add it back from the list.
  await page.getByRole('button', { name: 'Take out: Photo of the work station' }).click();
  await page.selectOption('#pack-add-D', 'doc-photo');
  await page.click('.pack-section:has(#pack-section-D) .add button');
  await expectText(page, '.pack-section:has(#pack-section-D)', 'Photo of the work station');

  // Print edition changes the plan (sections on odd pages).
  await page.check('#pack-print');
  await eventually(async () => (await page.evaluate(() => window.__carefileFake.callsTo('bundle_plan').at(-1).args.request.options.printEdition)) === true, 'print edition sent');

  await page.click('#pack-build');
  await expectText(page, '#pack-saved', 'Saved to /home/family/');
  const built = await page.evaluate(() => window.__carefileBundle.builtWith);
  assert.equal(built.options.printEdition, true);
  await look(page, '02-built', 'packs (built)');
  const violations = await page.evaluate(() => window.__carefileFake.violations);
  assert.deepEqual(violations, []);
});
