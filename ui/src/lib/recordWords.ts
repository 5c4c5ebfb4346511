// The words the record screens use for the core's closed sets, in British English.
import type { Child } from './bindings/Child';
import type { ChronologyKind } from './bindings/ChronologyKind';
import type { CorrespondenceKind } from './bindings/CorrespondenceKind';
import type { DeliveryStatus } from './bindings/DeliveryStatus';
import type { FindingKind } from './bindings/FindingKind';
import type { Frequency } from './bindings/Frequency';
import type { Per } from './bindings/Per';
import type { PlanKind } from './bindings/PlanKind';
import type { PlanStatus } from './bindings/PlanStatus';
import type { Section } from './bindings/Section';
import type { Stage } from './bindings/Stage';

export const PLAN_KINDS: Record<PlanKind, string> = {
  ehc_plan: 'EHC plan',
  sen_support_plan: 'SEN Support plan',
  individual_support_plan: 'Individual Support Plan',
  other: 'Other plan',
};

export const PLAN_STATUS: Record<PlanStatus, string> = {
  being_entered: 'Being entered',
  draft: 'Draft issued',
  final: 'Final issued',
  amended: 'Amended',
  ceased: 'Ceased',
};

export const STAGES: Record<Stage, string> = { draft: 'Draft', final: 'Final', amended: 'Amended' };

export const SECTION_TITLES: Record<Section, string> = {
  A: 'Views, interests and aspirations',
  B: 'Special educational needs',
  C: 'Health needs',
  D: 'Social care needs',
  E: 'Outcomes',
  F: 'Special educational provision',
  G: 'Health provision',
  H1: 'Social care provision (CSDPA 1970 s.2)',
  H2: 'Other social care provision',
  I: 'Placement',
  J: 'Personal budget',
  K: 'Advice and information',
};
export const ALL_SECTIONS = Object.keys(SECTION_TITLES) as Section[];
export const NEED_SECTIONS: Section[] = ['B', 'C', 'D'];
export const PROVISION_SECTIONS: Section[] = ['F', 'G', 'H1', 'H2'];

export const FINDINGS: Record<FindingKind, string> = {
  vague_wording: 'Vague wording',
  no_frequency: 'No “how often”',
  no_duration: 'No “how long”',
  no_provider: 'No “who”',
  need_without_provision: 'Need with no provision',
};

export const CONTACT_KINDS: Record<CorrespondenceKind, string> = {
  letter: 'Letter',
  email: 'Email',
  call: 'Phone call',
  meeting: 'Meeting',
  text: 'Text message',
};

export const DELIVERY_STATUS: Record<DeliveryStatus, string> = {
  delivered: 'Delivered',
  missed: 'Missed',
  cancelled: 'Cancelled',
};

export const CHRONOLOGY_KINDS: Record<ChronologyKind, string> = {
  child: 'Child',
  plan: 'Plan',
  correspondence: 'Contact',
  action: 'Action due',
  delivery: 'Provision',
  progress: 'Progress',
  sen_support: 'SEN Support',
};

export const PERS: Record<Per, string> = { day: 'day', week: 'week', term: 'term', year: 'year' };

/** "once a week", "twice a term", "3 times a week" — as the core says it. */
export function describeFrequency(f: Frequency | null): string | null {
  if (!f) return null;
  const n = f.times === 1 ? 'once' : f.times === 2 ? 'twice' : `${f.times} times`;
  return `${n} a ${PERS[f.per]}`;
}

/** The name a child goes by. */
export function childName(child: Pick<Child, 'name' | 'preferredName'>): string {
  return child.preferredName || child.name;
}
