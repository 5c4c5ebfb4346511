// The child's record over IPC: children, plans, provision, delivery, the contact log and the
// chronology. Typed by the bindings generated from Rust; screens call these, never `call` itself.
import { call } from '../api';
import type { CheckFinding } from '../bindings/CheckFinding';
import type { Child } from '../bindings/Child';
import type { ChronologyEntry } from '../bindings/ChronologyEntry';
import type { ChronologyFilter } from '../bindings/ChronologyFilter';
import type { Correspondence } from '../bindings/Correspondence';
import type { DeliveryItemSummary } from '../bindings/DeliveryItemSummary';
import type { DeliverySession } from '../bindings/DeliverySession';
import type { DemoSummary } from '../bindings/DemoSummary';
import type { Document } from '../bindings/Document';
import type { Need } from '../bindings/Need';
import type { NewChild } from '../bindings/NewChild';
import type { NewCorrespondence } from '../bindings/NewCorrespondence';
import type { NewDelivery } from '../bindings/NewDelivery';
import type { NewNeed } from '../bindings/NewNeed';
import type { NewOutcome } from '../bindings/NewOutcome';
import type { NewPlan } from '../bindings/NewPlan';
import type { NewProvision } from '../bindings/NewProvision';
import type { Outcome } from '../bindings/Outcome';
import type { Person } from '../bindings/Person';
import type { Plan } from '../bindings/Plan';
import type { PlanVersion } from '../bindings/PlanVersion';
import type { ProvisionItem } from '../bindings/ProvisionItem';
import type { Section } from '../bindings/Section';
import type { Stage } from '../bindings/Stage';
import type { Term } from '../bindings/Term';
import type { TermDates } from '../bindings/TermDates';
import type { TermName } from '../bindings/TermName';
import type { VersionComparison } from '../bindings/VersionComparison';
import type { VersionSummary } from '../bindings/VersionSummary';
import type { NewPerson } from '../bindings/NewPerson';
import type { NewProgressNote } from '../bindings/NewProgressNote';
import type { NewSenSupportCycle } from '../bindings/NewSenSupportCycle';
import type { ProgressNote } from '../bindings/ProgressNote';
import type { SenSupportCycle } from '../bindings/SenSupportCycle';
import type { SenSupportWarning } from '../bindings/SenSupportWarning';

export const listChildren = (): Promise<Child[]> => call('child_list');
export const getChild = (id: string): Promise<Child> => call('child_get', { id });
export const addChild = (input: NewChild): Promise<Child> => call('child_add', { input });
export const updateChild = (id: string, input: NewChild): Promise<Child> => call('child_update', { id, input });
/** The child's photo as a `data:` URL, or null when there is none. */
export const getChildPhoto = (id: string): Promise<string | null> => call('child_photo_get', { id });
/** Asks for a JPEG or PNG with the system's dialog and keeps it; the new photo, or null if cancelled. */
export const chooseChildPhoto = (id: string): Promise<string | null> => call('child_photo_set', { id });
export const removeChildPhoto = (id: string): Promise<void> => call('child_photo_remove', { id });
export const listPeople = (): Promise<Person[]> => call('people_list');

export const listPlans = (childId: string | null): Promise<Plan[]> => call('plan_list', { childId });
export const addPlan = (input: NewPlan): Promise<Plan> => call('plan_add', { input });
export const getPlan = (planId: string): Promise<Plan> => call('plan_get', { planId });
/** One version in full; the newest when `number` is null. */
export const getVersion = (planId: string, number: number | null = null): Promise<PlanVersion> =>
  call('plan_version', { planId, number });
export const listVersions = (planId: string): Promise<VersionSummary[]> => call('plan_versions', { planId });
export const setSection = (planId: string, section: Section, label: string | null, text: string): Promise<VersionSummary> =>
  call('plan_set_section', { planId, section, label, text });
export const addNeed = (planId: string, input: NewNeed): Promise<Need> => call('plan_add_need', { planId, input });
export const addOutcome = (planId: string, input: NewOutcome): Promise<Outcome> =>
  call('plan_add_outcome', { planId, input });
export const removeItem = (planId: string, itemId: string): Promise<VersionSummary> =>
  call('plan_remove_item', { planId, itemId });
export const addProvision = (planId: string, input: NewProvision): Promise<ProvisionItem> =>
  call('provision_add', { planId, input });
export const updateProvision = (planId: string, provisionId: string, input: NewProvision): Promise<ProvisionItem> =>
  call('provision_update', { planId, provisionId, input });
export const checkProvision = (planId: string, number: number | null = null): Promise<CheckFinding[]> =>
  call('provision_check', { planId, number });
export const issueVersion = (planId: string, stage: Stage, issued: string, note: string | null): Promise<VersionSummary> =>
  call('plan_issue', { planId, stage, issued, note });
/** The documents listed as advice in the plan's Section K, oldest first. */
export const listAdvice = (planId: string): Promise<Document[]> => call('plan_advice_list', { planId });
/** Lists one of the child's documents in Section K; resolves to the plan's advice afterwards. */
export const linkAdvice = (planId: string, documentId: string): Promise<Document[]> =>
  call('plan_advice_link', { planId, documentId });
/** Takes a document out of Section K (it stays in the vault); resolves to the advice afterwards. */
export const unlinkAdvice = (planId: string, documentId: string): Promise<Document[]> =>
  call('plan_advice_unlink', { planId, documentId });
export const compareVersions = (planId: string, from: number, to: number): Promise<VersionComparison> =>
  call('plan_compare', { planId, from, to });

export const addDelivery = (planId: string, input: NewDelivery): Promise<DeliverySession> =>
  call('delivery_add', { planId, input });
export const listDeliveries = (planId: string): Promise<DeliverySession[]> => call('delivery_list', { planId });
export const deliverySummary = (planId: string, from: string, to: string): Promise<DeliveryItemSummary[]> =>
  call('delivery_summary', { planId, from, to });

/** A school year's three terms (by the calendar year it starts in): the family's dates or the typical ones. */
export const listTerms = (schoolYear: number): Promise<Term[]> => call('terms_list', { schoolYear });
/** Sets one term's dates; resolves to that school year's terms. */
export const setTerm = (input: TermDates): Promise<Term[]> => call('terms_set', { input });
/** Puts one term back to the typical dates; resolves to that school year's terms. */
export const removeTerm = (schoolYear: number, name: TermName): Promise<Term[]> =>
  call('terms_remove', { schoolYear, name });

export const listLog = (childId: string | null): Promise<Correspondence[]> => call('log_list', { childId });
export const addLog = (input: NewCorrespondence): Promise<Correspondence> => call('log_add', { input });

export const chronology = (filter: ChronologyFilter): Promise<ChronologyEntry[]> => call('chronology_list', { filter });
/** Shows the native Save dialog and writes the chronology. Null when the person cancels. */
export const saveChronology = (filter: ChronologyFilter, pdf: boolean): Promise<string | null> =>
  call('chronology_save', { filter, pdf });

export const seedDemo = (): Promise<DemoSummary> => call('demo_seed');

export const addPerson = (input: NewPerson): Promise<Person> => call('person_add', { input });
/** Replaces a person's details; blank optional fields are cleared. */
export const updatePerson = (id: string, input: NewPerson): Promise<Person> => call('person_update', { id, input });

/** A plan's progress notes, oldest first; one outcome's when `outcomeId` is given. */
export const listProgress = (planId: string, outcomeId: string | null = null): Promise<ProgressNote[]> =>
  call('progress_list', { planId, outcomeId });
export const addProgress = (planId: string, input: NewProgressNote): Promise<ProgressNote> =>
  call('progress_add', { planId, input });

export const listSenSupport = (childId: string): Promise<SenSupportCycle[]> => call('sen_support_list', { childId });
export const addSenSupport = (input: NewSenSupportCycle): Promise<SenSupportCycle> => call('sen_support_add', { input });
/** Records a cycle's review; `reviewed` is `YYYY-MM-DD`. */
export const reviewSenSupport = (id: string, reviewed: string, notes: string): Promise<SenSupportCycle> =>
  call('sen_support_review', { id, reviewed, notes });
/** Today's warnings: fewer than three parent meetings this school year, reviews overdue. */
export const senSupportWarnings = (childId: string): Promise<SenSupportWarning[]> =>
  call('sen_support_warnings', { childId });
