// Browser flows of the child's record screens (Children, Plan, Delivery, Contact log,
// Chronology) against the in-memory record in fake-tauri.js, with axe on every screen.
// Registered by run.mjs; screenshots land in ui/test-results/ as record-*.png.
import assert from 'node:assert/strict';
import { checkA11y, checkNoSidewaysScroll, eventually, expectFocus, expectText, screenshot, test } from './harness.mjs';

const VAULT = { vault: { exists: true, unlocked: true, name: "Sam's record", passphrase: 'maple river lantern quietly' } };
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
const withSam = () => ({ ...VAULT, record: { children: [SAM] } });
const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const TODAY = iso(new Date());

async function look(page, name, label) {
  await page.setViewportSize({ width: 1000, height: 720 });
  await checkA11y(page, label);
  await checkNoSidewaysScroll(page, label);
  await screenshot(page, `record-${name}`);
}

async function section(page, id, heading) {
  await page.click(`#nav-${id}`);
  await expectText(page, 'main h1', heading);
}

test('children: add a child, see the school year as the date is typed, then edit "about me"', async ({ open }) => {
  const page = await open(VAULT);
  await page.locator('#home-title').waitFor();
  await section(page, 'children', 'Add a child');
  await look(page, '01-children-empty', 'children (none yet)');

  // A date of birth in the future is refused in words, and nothing is added.
  await page.fill('#child-name', 'Sam Example');
  await page.fill('#child-dob', '2099-01-01');
  await page.click('#child-save');
  await expectText(page, '[role=alert]', 'is in the future');
  assert.equal((await page.evaluate(() => window.__carefileRecord.children.length)), 0);

  await page.fill('#child-dob', '2015-12-25');
  await expectText(page, '#child-year-group', 'School year: Year');
  await page.fill('#child-la', 'Anytown Council');
  await page.fill('#child-setting', 'Sample Street Primary');
  await page.fill('#child-matters', 'Trains, and knowing what happens next.');
  await look(page, '02-child-form', 'add a child (filled in)');
  await page.click('#child-save');
  await expectText(page, '#child-title', 'Sam Example');
  await expectText(page, '#child-notice', 'Sam Example has been added.');
  await expectText(page, 'main', 'Trains, and knowing what happens next.');
  await expectText(page, 'main', '25 Dec 2015');
  await look(page, '03-child', 'child details');

  await page.click('#child-edit');
  await page.fill('#child-preferred', 'Sam');
  await page.fill('#child-support', 'Warn me before changes.');
  await page.click('#child-save');
  await expectText(page, '#child-title', 'Sam');
  await expectText(page, 'main', 'Warn me before changes.');

  await page.getByRole('button', { name: 'All children' }).click();
  await expectText(page, 'main h1', 'Children');
  await expectText(page, '.children', 'Sam');
  await look(page, '04-children', 'children list');
});

test('children: a photo beside each child (initials when none); add, change and remove it, asking once', async ({ open }) => {
  const ROBIN = { ...SAM, id: 'ch-robin', name: 'Robin Example', preferredName: null, dob: '2018-11-03' };
  const RED = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4YGAAAALUASE6aDcJAAAAAElFTkSuQmCC';
  const page = await open({ ...VAULT, record: { children: [SAM, ROBIN], photos: { 'ch-robin': RED } } });
  await page.locator('#home-title').waitFor();
  await section(page, 'children', 'Children');
  await page.getByRole('img', { name: 'Photo of Robin Example' }).waitFor();
  await expectText(page, '.children li:has-text("Sam Example") .initials', 'SE');
  assert.equal(await page.locator('.children li:has-text("Sam Example") img').count(), 0, 'no photo for Sam yet');

  await page.getByRole('button', { name: 'Open Sam' }).click();
  await expectText(page, '#child-title', 'Sam');
  await expectText(page, '#photo-add', 'Add a photo');

  // Cancelling the dialog changes nothing; a file that isn't a photo is refused in words.
  await page.evaluate(() => { window.__carefileRecord.photoPick = null; });
  await page.click('#photo-add');
  await expectText(page, '#photo-add', 'Add a photo');
  assert.equal(await page.locator('#child-notice').count(), 0);
  await page.evaluate(() => {
    window.__carefileRecord.photoPick = { code: 'invalid_input', message: "That file isn't a JPEG or PNG photo. Carefile keeps a child's photo as a JPEG or PNG." };
  });
  await page.click('#photo-add');
  await expectText(page, '#photo-error', "That file isn't a JPEG or PNG photo.");
  assert.equal(await page.evaluate(() => (window.__carefileRecord.photos || {})['ch-sam'] ?? null), null);

  await page.evaluate(() => { delete window.__carefileRecord.photoPick; });
  await page.click('#photo-add');
  await page.getByRole('img', { name: 'Photo of Sam' }).waitFor();
  await expectText(page, '#child-notice', 'Sam’s photo has been added.');
  assert.equal(await page.locator('#photo-error').count(), 0);
  await look(page, '04b-child-photo', 'child with a photo');

  await page.evaluate((red) => { window.__carefileRecord.photoPick = red; }, RED);
  await page.click('#photo-change');
  await expectText(page, '#child-notice', 'Sam’s photo has been changed.');
  await eventually(async () => (await page.getByRole('img', { name: 'Photo of Sam' }).getAttribute('src')) === RED, 'the new photo');

  // Remove asks once; "Keep it" keeps it.
  await page.click('#photo-remove');
  await expectText(page, '#photo-remove-q', 'Remove Sam’s photo from Carefile?');
  await expectFocus(page, 'photo-remove-keep');
  await look(page, '04c-child-photo-remove', 'remove the photo?');
  await page.click('#photo-remove-keep');
  await page.getByRole('img', { name: 'Photo of Sam' }).waitFor();
  await page.click('#photo-remove');
  await page.click('#photo-remove-yes');
  await expectText(page, '#child-notice', 'Sam’s photo has been removed.');
  await expectText(page, '#photo-add', 'Add a photo');
  await expectFocus(page, 'photo-add');
  assert.equal(await page.evaluate(() => window.__carefileRecord.photos['ch-sam'] ?? null), null);

  await page.getByRole('button', { name: 'All children' }).click();
  await expectText(page, '.children li:has-text("Sam Example") .initials', 'SE');
  await page.getByRole('img', { name: 'Photo of Robin Example' }).waitFor();
});

test('plan: add a plan, a need and vague provision; the check says why; issue, change and compare', async ({ open }) => {
  const page = await open(withSam());
  await page.locator('#home-title').waitFor();
  await section(page, 'plan', 'Plan');
  await expectText(page, '#add-plan-title', 'Add a plan for Sam');
  await look(page, '05-plan-add', 'add a plan');
  await page.click('#plan-save');
  await expectText(page, '#plan-title', 'EHC plan');
  await expectText(page, '#version-state', 'You are entering version 1');

  await page.click('#need-add');
  await page.fill('#need-area', 'Communication and interaction');
  await page.fill('#need-text', 'Sam finds it hard to follow spoken instructions.');
  await page.click('#need-save');
  await expectText(page, '#needs-title + *, main', 'Sam finds it hard to follow spoken instructions.');
  await expectText(page, 'main', 'no provision is linked to this need');

  await page.click('#provision-add');
  await page.fill('#prov-what', 'Access to speech and language therapy as required');
  await page.check('input[id^="prov-need-"]');
  await page.fill('#prov-who', 'Speech and language therapist');
  await page.fill('#prov-times', '1');
  await page.selectOption('#prov-per', 'week');
  await look(page, '06-provision-form', 'add provision');
  await page.click('#prov-save');
  await expectText(page, 'main', 'Access to speech and language therapy as required');
  await expectText(page, '.check-summary', 'The provision check found 3 things to look at.');
  await expectText(page, 'main', 'No “how long”.');
  await look(page, '07-plan-items', 'needs and provision');

  await page.getByRole('button', { name: 'See why' }).click();
  await expectText(page, '#provision-check', '“access to”');
  await expectText(page, '#provision-check', 'Worcestershire CC v SE');
  await expectText(page, '#provision-check', '“as required”');
  await expectText(page, '#provision-check', "doesn't say how long each session lasts");
  await look(page, '08-provision-check', 'provision check');

  await page.click('#tab-sections');
  await page.getByText('Views, interests and aspirations').click();
  await page.fill('#section-A-text', 'Sam loves trains and wants to be a driver.');
  await page.click('#section-A-save');
  await expectText(page, 'main', 'Saved.');
  await look(page, '09-sections', 'sections A–K');

  await page.click('#tab-versions');
  await page.check('#issue-stage-draft');
  await page.fill('#issue-date', TODAY);
  await page.click('#issue-save');
  await expectText(page, '#version-state', 'Version 1 was issued as draft');

  // A change after issuing starts version 2; the draft stays as it was.
  await page.click('#tab-items');
  await page.click('#provision-add');
  await page.fill('#prov-what', 'Occupational therapy programme');
  await page.fill('#prov-who', 'Occupational therapist');
  await page.fill('#prov-times', '2');
  await page.fill('#prov-minutes', '30');
  await page.click('#prov-save');
  await expectText(page, '#version-state', 'You are entering version 2');

  await page.click('#tab-versions');
  await page.check('#issue-stage-final');
  await page.click('#issue-save');
  await expectText(page, '#version-state', 'Version 2 was issued as final');
  await page.selectOption('#compare-from', '1');
  await page.selectOption('#compare-to', '2');
  await page.click('#compare-run');
  await expectText(page, '#comparison', 'Section F');
  await expectText(page, '#comparison .diff ins', '[added: Occupational therapy programme');
  assert.equal(await page.locator('#comparison .diff del').count(), 0, 'nothing was removed');
  await look(page, '10-compare', 'compare versions');
});

test('contact log: log a phone call, copy the "confirm in writing" note, find it in the chronology', async ({ open }) => {
  const page = await open(withSam());
  await page.locator('#home-title').waitFor();
  await section(page, 'log', 'Contact log');
  await expectText(page, 'main', 'Nothing logged yet.');
  await look(page, '11-log-empty', 'contact log (empty)');

  await page.click('#log-add');
  await expectText(page, 'main h1', 'Add to the contact log');
  await page.check('#log-kind-call');
  await page.check('#log-dir-out');
  await page.fill('#log-subject', 'speech therapy not happening');
  await page.selectOption('#log-person', 'pe-1');
  await page.fill('#log-summary', 'Pat said the therapist post is vacant until January.');
  await page.click('#log-action-add');
  await page.fill('#log-action-0', 'Find a locum therapist');
  await page.fill('#log-owner-0', 'Pat Placeholder');
  await look(page, '12-log-form', 'add to the log');
  await page.click('#log-save');

  await expectText(page, 'main h1', 'Contact log');
  await expectText(page, 'main h2', 'speech therapy not happening');
  const note = await eventually(async () => {
    const text = await page.locator('.follow-up-text').inputValue();
    return text.includes('Dear Pat Placeholder,') && text;
  }, 'the follow-up note');
  assert.match(note, /Thank you for speaking with me on the phone on \d{1,2} [A-Z][a-z]{2} \d{4} about speech therapy not happening/);
  assert.match(note, /- Find a locum therapist/);
  await page.getByRole('button', { name: 'Copy the note' }).click();
  await expectText(page, '.follow-up [role=status]', 'op'); // "Copied…" or "Couldn’t copy…": either way, in words
  await look(page, '13-log', 'contact log with a call');

  // A letter with no date at all is refused, in words.
  await page.click('#log-add');
  await page.check('#log-kind-letter');
  await page.fill('#log-subject', 'Draft plan');
  await page.fill('#log-dated', '');
  await page.click('#log-save');
  await expectText(page, '[role=alert]', 'Give at least one date');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await section(page, 'chronology', 'Chronology');
  await page.selectOption('#child-picker', 'ch-sam');
  await expectText(page, '.timeline', 'Phone call out: speech therapy not happening');
  await expectText(page, '.timeline', 'Born');
  await look(page, '14-chronology', 'chronology');
  await page.locator('.filters summary').click();
  await page.check('#chron-kind-correspondence');
  await eventually(async () => !((await page.locator('.timeline').textContent()) ?? '').includes('Born'), 'the filter to hide births');
  await expectText(page, '#chronology-count', '1 entry');
  await page.click('#chronology-pdf');
  await expectText(page, '#chronology-saved', 'Saved to /home/parent/Documents/Chronology.pdf');
  const saved = await page.evaluate(() => window.__carefileFake.callsTo('chronology_save').at(-1).args);
  assert.deepEqual(saved, { filter: { childId: 'ch-sam', kinds: ['correspondence'], from: null, to: null }, pdf: true });
  await look(page, '15-chronology-filtered', 'chronology (filtered, saved)');
});

test('delivery: the demo family, then sessions delivered and missed against the plan', async ({ open }) => {
  const page = await open(VAULT);
  await page.locator('#home-title').waitFor();
  await section(page, 'children', 'Add a child');
  await page.click('#load-demo');
  await expectText(page, '#children-notice', 'fictional Example family');
  await expectText(page, '.children', 'Alex');
  await expectText(page, '.children', 'Robin Example');

  await section(page, 'delivery', 'Delivery');
  await expectText(page, 'main', 'This school year so far');
  await expectText(page, 'main', 'Speech and language therapy, 1:1');
  await expectText(page, 'main', '0 of');
  await look(page, '16-delivery', 'delivery');

  await page.click('#session-add');
  await page.check('#session-status-missed');
  await page.click('#session-save');
  await expectText(page, '[role=alert]', 'Say why the session was missed');
  await page.fill('#session-reason', 'Therapist off sick');
  await look(page, '17-delivery-form', 'record a session');
  await page.click('#session-save');
  await expectText(page, '#delivery-notice', 'recorded as missed');
  await page.click('#session-add');
  await page.check('#session-status-delivered');
  await page.click('#session-save');
  await expectText(page, 'main', '1 of');
  await expectText(page, 'main', '1 missed');
  await expectText(page, '.sessions', 'Missed: Therapist off sick');
  await look(page, '18-delivery-logged', 'delivery with sessions');
});

test('people: see who is involved, add a SENCO (a bad email is refused in words), pick them in the log', async ({ open }) => {
  const page = await open(withSam());
  await page.locator('#home-title').waitFor();
  await section(page, 'people', 'People');
  await expectText(page, '.people', 'Pat Placeholder');
  await expectText(page, '.people', 'SEN caseworker, Anytown Council (fictional)');
  await look(page, '19-people', 'people');

  await page.click('#person-add');
  await page.click('#person-save');
  await expectText(page, '[role=alert]', 'Give a name');
  await page.fill('#person-name', 'Jo Sample');
  await page.fill('#person-role', 'SENCO');
  await page.fill('#person-org', 'Sample Street Primary (fictional)');
  await page.fill('#person-email', 'jo.sample.example.org');
  await page.fill('#person-phone', '01632 960000');
  await look(page, '20-person-form', 'add a person');
  await page.click('#person-save');
  await expectText(page, '[role=alert]', "doesn't look like an email address");
  assert.equal(await page.evaluate(() => window.__carefileRecord.people.length), 1, 'nothing was added');
  await page.fill('#person-email', 'jo.sample@example.org');
  await page.click('#person-save');
  await expectText(page, '#people-notice', 'Jo Sample has been added.');
  await expectText(page, '.people', 'SENCO, Sample Street Primary (fictional)');
  await expectText(page, '.people', 'Email: jo.sample@example.org · Phone: 01632 960000');
  await look(page, '21-people-added', 'people (added)');

  await section(page, 'log', 'Contact log');
  await page.click('#log-add');
  await expectText(page, '#log-person', 'Jo Sample (SENCO)');
});

test('outcome progress: add an outcome, then dated progress notes from different sources', async ({ open }) => {
  const page = await open(withSam());
  await page.locator('#home-title').waitFor();
  await section(page, 'plan', 'Plan');
  await page.click('#plan-save');
  await expectText(page, '#plan-title', 'EHC plan');
  await page.click('#outcome-add');
  await page.fill('#outcome-text', 'Sam will follow a two-step instruction in class.');
  await page.click('#outcome-save');
  await expectText(page, 'main', 'Sam will follow a two-step instruction in class.');

  const add = page.locator('button[id^="progress-"][id$="-add"]');
  await add.click();
  const form = page.locator('form[aria-label="Add progress towards this outcome"]');
  await form.locator('button[type=submit]').click();
  await expectText(page, '[role=alert]', 'Write what progress was made');
  await form.locator('input[type=date]').fill('2025-03-14');
  await form.locator('select').selectOption('review');
  await form.locator('textarea').fill('Follows two-step instructions with a visual prompt.');
  await look(page, '22-progress-form', 'add a progress note');
  await form.locator('button[type=submit]').click();
  await expectText(page, '.progress', '14 Mar 2025');
  await expectText(page, '.progress', 'Annual review');

  await add.click();
  await form.locator('select').selectOption('parent');
  await form.locator('textarea').fill('Did it at home without a prompt.');
  await form.locator('button[type=submit]').click();
  await expectText(page, '.progress', 'Did it at home without a prompt.');
  const order = await page.locator('.progress .notes li').allTextContents();
  assert.equal(order.length, 2);
  assert.match(order[0], /^14 Mar 2025/, 'oldest first');
  const saved = await page.evaluate(() => window.__carefileFake.callsTo('progress_add').at(-1).args);
  assert.equal(saved.input.source, 'parent');
  assert.equal(saved.input.dated, TODAY);
  await look(page, '23-progress', 'outcome with progress notes');
});

test('SEN Support: warnings for an overdue review and too few meetings, start a cycle, record a review', async ({ open }) => {
  const old = { id: 'ss-old', childId: 'ch-sam', started: '2024-01-08', assessment: 'Reading age 2 years behind.', outcomes: 'Read 20 new sight words.', support: 'Daily 10-minute reading with a TA.', expectedImpact: 'Catch up by a year.', reviewDue: '2024-04-01', reviewed: null, reviewNotes: null, created: '2024-01-08T09:00:00Z' };
  const page = await open({ ...VAULT, record: { children: [SAM], cycles: [old] } });
  await page.locator('#home-title').waitFor();
  await section(page, 'sen-support', 'SEN Support');
  await expectText(page, '.warnings', 'was due on 1 Apr 2024');
  await expectText(page, '.cycles', 'Started 8 Jan 2024');
  await expectText(page, '.cycles', 'Daily 10-minute reading with a TA.');
  await look(page, '24-sen-support', 'SEN Support with an overdue review');

  await page.click('#cycle-add');
  await page.fill('#cycle-assessment', 'Still finds phonics hard.');
  await page.click('#cycle-save');
  await expectText(page, '[role=alert]', 'outcomes agreed');
  await page.fill('#cycle-outcomes', 'Blend CVC words.');
  await page.fill('#cycle-support', 'Phonics group, 3 times a week, 20 minutes.');
  await look(page, '25-cycle-form', 'start a cycle');
  await page.click('#cycle-save');
  await expectText(page, '#sen-notice', 'Cycle started. Review by');
  await expectText(page, '.warnings', '0 parent meetings are logged');
  await expectText(page, '.cycles li:first-child', 'Blend CVC words.');

  await page.click('#review-ss-old');
  await page.fill('#review-date', '2024-03-25');
  await page.fill('#review-notes', 'Met 15 of 20 words. Carry on.');
  await look(page, '26-review-form', 'record a review');
  await page.click('#review-save');
  await expectText(page, '#sen-notice', 'Review recorded.');
  await expectText(page, '.cycles', 'Reviewed 25 Mar 2024');
  assert.equal(await page.locator('.warnings').textContent().then((t) => t.includes('was due on')), false, 'the overdue warning has gone');
  await look(page, '27-sen-support-reviewed', 'SEN Support reviewed');
});

test('people: edit a person with the same form; a bad email is refused and nothing changes', async ({ open }) => {
  const page = await open(withSam());
  await page.locator('#home-title').waitFor();
  await section(page, 'people', 'People');
  await page.click('#person-edit-pe-1');
  await expectText(page, '#person-form-title', 'Edit Pat Placeholder');
  assert.equal(await page.inputValue('#person-role'), 'SEN caseworker', 'the form starts from their details');
  await page.fill('#person-email', 'pat.example.org');
  await page.click('#person-save');
  await expectText(page, '[role=alert]', "doesn't look like an email address");
  assert.equal(await page.evaluate(() => window.__carefileRecord.people[0].email), null, 'nothing was changed');
  await page.fill('#person-email', 'pat@example.org');
  await page.fill('#person-role', 'Team manager');
  await look(page, '28-person-edit', 'edit a person');
  await page.click('#person-save');
  await expectText(page, '#people-notice', 'Pat Placeholder’s details have been saved.');
  await expectText(page, '.people', 'Team manager, Anytown Council (fictional)');
  await expectText(page, '.people', 'Email: pat@example.org');
  const saved = await page.evaluate(() => window.__carefileFake.callsTo('person_update').at(-1).args);
  assert.equal(saved.id, 'pe-1');
  assert.equal(saved.input.role, 'Team manager');
  assert.equal(await page.evaluate(() => window.__carefileRecord.people.length), 1, 'edited, not added');
});

test('plan: Section K lists the advice documents, links one of the child’s and takes one out', async ({ open }) => {
  const page = await open({
    ...withSam(),
    documents: {
      seed: [
        { id: 'doc-ep', title: 'Educational psychology advice', author: 'Dr A Example', dated: '2025-03-14', childIds: ['ch-sam'] },
        { id: 'doc-salt', title: 'Speech and language advice', author: 'B Sample', dated: '2025-02-10', childIds: ['ch-sam'], planSection: 'K' },
        { id: 'doc-kim', title: 'Another child’s report', childIds: ['ch-kim'] },
      ],
    },
  });
  await page.locator('#home-title').waitFor();
  await section(page, 'plan', 'Plan');
  await page.click('#plan-save');
  await expectText(page, '#plan-title', 'EHC plan');
  await page.click('#tab-sections');
  await page.getByText('Advice and information', { exact: true }).click();
  await expectText(page, '#advice-empty', 'No advice is listed yet.');
  const options = await page.locator('#advice-document option').allTextContents();
  assert.deepEqual(options, ['Speech and language advice (10 Feb 2025) – filed under K', 'Educational psychology advice (14 Mar 2025)'], 'only this child’s documents, K first');

  await page.click('#advice-link');
  await expectText(page, '#advice-status', 'Speech and language advice is now listed in Section K.');
  await page.selectOption('#advice-document', 'doc-ep');
  await page.click('#advice-link');
  await expectText(page, '#advice-list', 'Educational psychology advice');
  await expectText(page, '#advice-list', 'By Dr A Example · 14 Mar 2025');
  await expectText(page, '#advice-list', 'By B Sample · 10 Feb 2025');
  await expectText(page, 'summary:has-text("Advice and information")', '2 documents');
  await look(page, '29-section-k', 'Section K advice');

  await page.getByRole('button', { name: 'Take out Speech and language advice' }).click();
  await expectText(page, '#advice-status', 'taken out of Section K. It is still in Documents.');
  assert.equal(await page.locator('#advice-list li').count(), 1);
  const docs = await page.evaluate(() => window.__carefileDocuments.documents.map((d) => [d.id, d.planSection]));
  assert.deepEqual(docs, [['doc-ep', 'K'], ['doc-salt', null], ['doc-kim', null]]);
});

test('delivery: term dates shown per school year, one changed (a bad date refused), then put back', async ({ open }) => {
  const page = await open(VAULT);
  await page.locator('#home-title').waitFor();
  await section(page, 'children', 'Add a child');
  await page.click('#load-demo');
  await expectText(page, '#children-notice', 'fictional Example family');
  await section(page, 'delivery', 'Delivery');
  await expectText(page, '#terms-table', 'Typical dates');
  const year = Number(await page.inputValue('#terms-year'));
  await expectText(page, '#term-row-autumn', `3 Sep ${year} to 19 Dec ${year}`);

  await page.click('#term-edit-autumn');
  await page.fill('#term-starts', `${year}-09-04`);
  await page.fill('#term-ends', `${year + 1}-01-10`);
  await page.click('#term-save');
  await expectText(page, '[role=alert]', 'overlaps the autumn term');
  assert.equal(await page.evaluate(() => window.__carefileRecord.terms.length), 0, 'nothing was saved');
  await page.fill('#term-ends', `${year}-12-18`);
  await page.fill('#term-half-ends', '');
  await page.click('#term-save');
  await expectText(page, '[role=alert]', 'Give both the first and last day of half term');
  await page.fill('#term-half-starts', '');
  await look(page, '30-term-form', 'change a term');
  const summaries = (await page.evaluate(() => window.__carefileFake.callsTo('delivery_summary').length));
  await page.click('#term-save');
  await expectText(page, '#terms-notice', 'saved with your dates');
  await expectText(page, '#term-row-autumn', `4 Sep ${year} to 18 Dec ${year}`);
  await expectText(page, '#term-row-autumn', 'Your dates');
  await expectText(page, '#term-row-autumn', 'None');
  assert.ok((await page.evaluate(() => window.__carefileFake.callsTo('delivery_summary').length)) > summaries, 'the counts were worked out again');
  await look(page, '31-terms', 'term dates');

  await page.click('#term-reset-autumn');
  await expectText(page, '#terms-notice', 'back to Carefile’s typical dates');
  await expectText(page, '#term-row-autumn', 'Typical dates');
  await page.selectOption('#terms-year', String(year + 1));
  await expectText(page, '#term-row-spring', `5 Jan ${year + 2}`);
});
