// Browser flows of the Caseload screen: a vault with more than one family opens on it, most
// urgent family first, and the family filter narrows it to one. Registered by run.mjs;
// screenshots land in ui/test-results/ as caseload-*.png.
import assert from 'node:assert/strict';
import { checkA11y, checkNoSidewaysScroll, expectText, screenshot, test } from './harness.mjs';

const GOOD = 'maple river lantern quietly';

const deadline = (title, due, status) => ({
  id: `d-${title}`, rule: 'r', key: 'k', title, who: 'la', nature: 'duty', due, trigger: 'assessment-request-received',
  triggerDate: '2026-01-05', triggerReference: null, source: 'reg', counting: 'calendar_weeks', countingWords: '',
  explanation: '', status, flags: [],
});

const CASELOAD = {
  today: '2026-12-01',
  families: [
    {
      familyId: 'fa-gus', name: 'Gus', overdue: 2, nextDue: '2026-12-10',
      children: [{
        childId: 'ch-gus', childName: 'Gus', overdue: 2,
        nextDue: deadline('Decision whether to assess', '2026-12-10', { state: 'dueIn', days: 9 }),
        lastContact: '2026-11-20',
        lastPackage: { direction: 'import', at: '2026-11-21T10:00:00Z', madeBy: "Gus's mum" },
      }],
    },
    {
      familyId: 'fa-hal', name: 'Hal', overdue: 0, nextDue: null,
      children: [{ childId: 'ch-hal', childName: 'Hal', overdue: 0, nextDue: null, lastContact: null, lastPackage: null }],
    },
  ],
};

const VAULT = {
  vault: { exists: true, unlocked: true, name: 'Advocate casework', passphrase: GOOD },
  caseload: CASELOAD,
};

test('caseload: a vault with several families opens on it, and the filter shows one family', async ({ open }) => {
  const page = await open(VAULT);
  await expectText(page, 'main h1', 'Caseload');
  assert.equal(await page.getAttribute('#nav-caseload', 'aria-current'), 'page');
  const names = await page.locator('.family h2').allInnerTexts();
  assert.equal(names.length, 2);
  assert.match(names[0], /^Gus/);
  await expectText(page, '.family[data-family="fa-gus"]', '2 overdue');
  await expectText(page, '.family[data-family="fa-gus"]', 'Decision whether to assess, by 10 Dec 2026');
  await expectText(page, '.family[data-family="fa-gus"]', "Received from Gus's mum, 21 Nov 2026");
  await expectText(page, '.family[data-family="fa-hal"]', 'None yet');
  await checkA11y(page, 'caseload');
  await checkNoSidewaysScroll(page, 'caseload');
  await screenshot(page, 'caseload-01-all');

  await page.getByLabel('Family').selectOption('fa-hal');
  assert.deepEqual(await page.locator('.family').evaluateAll((els) => els.map((e) => e.dataset.family)), ['fa-hal']);
  await checkA11y(page, 'caseload (one family)');
  await screenshot(page, 'caseload-02-one-family');
  assert.deepEqual(await page.evaluate(() => window.__carefileFake.violations), []);
});

test('caseload: a family\'s own vault keeps the ordinary home', async ({ open }) => {
  const page = await open({ vault: VAULT.vault, caseload: { today: '2026-12-01', families: [CASELOAD.families[1]] } });
  await page.locator('#home-title').waitFor();
  assert.equal(await page.getAttribute('#nav-home', 'aria-current'), 'page');
});
