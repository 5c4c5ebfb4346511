// Browser flow of the working document (Plan → Working document): make it, propose the family's
// wording, see the mark-up preview, mark a row agreed and save as Word and PDF, with axe.
// Registered by run.mjs; screenshots land in ui/test-results/ as workdoc-*.png.
import assert from 'node:assert/strict';
import { checkA11y, checkNoSidewaysScroll, expectText, screenshot, test } from './harness.mjs';

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
const VAULT = {
  vault: { exists: true, unlocked: true, name: "Sam's record", passphrase: 'maple river lantern quietly' },
  record: { children: [SAM] },
  documents: {
    seed: [
      { id: 'doc-ep', title: 'EP report', author: 'Dr A. Example', dated: '2024-12-06', childIds: ['ch-sam'], texts: ['Sam needs daily therapy.', 'More.'] },
    ],
  },
};

const callsTo = (page, cmd) => page.evaluate((c) => window.__carefileFake.callsTo(c), cmd);

async function look(page, name, label) {
  await page.setViewportSize({ width: 1100, height: 760 });
  await checkA11y(page, label);
  await checkNoSidewaysScroll(page, label);
  await screenshot(page, `workdoc-${name}`);
}

test('working document: make it from the plan, propose, mark agreed and save as Word and PDF', async ({ open }) => {
  const page = await open(VAULT);
  await page.locator('#home-title').waitFor();
  await page.click('#nav-plan');
  await expectText(page, 'main h1', 'Plan');
  await page.click('#plan-save');
  await expectText(page, '#plan-title', 'EHC plan');
  await page.click('#tab-workdoc');
  await page.click('#workdoc-create');
  await expectText(page, '#workdoc-version', 'Version 1');
  await expectText(page, '#workdoc-row-2', 'Regular speech and language therapy');
  await expectText(page, '#workdoc-row-2', 'Vague: "regular"');
  await look(page, '01-made', 'working document (made)');

  await page.getByLabel("Family's wording for row 2").fill('Daily speech and language therapy');
  // Cite the EP report, page 2, paragraph 5, for the family's wording.
  await page.click('#wd-2-parent-evidence summary');
  assert.equal(await page.locator('#wd-2-parent-doc').inputValue(), 'doc-ep');
  await page.fill('#wd-2-parent-page', 'two');
  await page.click('#wd-2-parent-cite');
  await expectText(page, '[role="alert"]', 'whole numbers');
  await page.fill('#wd-2-parent-page', '2');
  await page.fill('#wd-2-parent-para', '5');
  await page.click('#wd-2-parent-cite');
  await expectText(page, '#wd-2-parent-pending', 'EP report, p. 2, para 5');
  await expectText(page, '#wd-2-parent-save', 'Save family\'s wording and evidence');
  await page.click('#wd-2-parent-save');
  await expectText(page, '#wd-2-status', 'Disputed');
  await expectText(page, '#workdoc-row-2', 'Dr A. Example, EP report, 6 Dec 2024, p. 2, para 5');
  assert.equal(await page.locator('#wd-2-parent-pending').count(), 0, 'saved evidence leaves the waiting list');
  const [propose] = await callsTo(page, 'workdoc_propose');
  assert.deepEqual(
    { row: propose.args.row, by: propose.args.by, text: propose.args.text, evidence: propose.args.evidence },
    { row: 2, by: 'parent', text: 'Daily speech and language therapy', evidence: [{ documentId: 'doc-ep', page: 2, paragraph: 5 }] },
  );
  // The preview shows the family's addition in bold and the deletion struck through.
  assert.equal(await page.locator('#wd-2-preview .mark-family_added').textContent(), 'Daily speech and language therapy');
  assert.equal(await page.locator('#wd-2-preview .mark-family_added').evaluate((e) => getComputedStyle(e).fontWeight), '700');
  assert.match(await page.locator('#wd-2-preview .mark-family_deleted').evaluate((e) => getComputedStyle(e).textDecorationLine), /line-through/);

  await page.click('#wd-3-agree');
  await expectText(page, '#wd-3-status', 'Agreed');
  await look(page, '02-proposed', 'working document (proposed and agreed)');

  await page.click('#workdoc-save-docx');
  await expectText(page, '#workdoc-notice', 'Saved version 1 to /home/parent/Documents/Working document.docx');
  await expectText(page, '#workdoc-notice', 'your next change starts version 2');
  await page.click('#workdoc-save-pdf');
  await expectText(page, '#workdoc-notice', 'Working document.pdf');
  const sends = await callsTo(page, 'workdoc_send');
  assert.deepEqual(sends.map((c) => c.args.format), ['docx', 'pdf']);

  // A change after sending starts version 2.
  await page.getByLabel("LA's wording for row 1").fill('Sam finds it hard to follow instructions.');
  await page.click('#wd-1-la-save');
  await expectText(page, '#workdoc-version', 'Version 2');
  await look(page, '03-version-2', 'working document (version 2)');
});
