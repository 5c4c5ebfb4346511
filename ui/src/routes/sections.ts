// The sections of the unlocked app, in navigation order. Each screen lives in its own folder under
// routes/ and receives the vault status. To add a screen: add one line here.
import type { Component } from 'svelte';
import type { VaultStatus } from '../lib/bindings/VaultStatus';
import Backups from './backups/Backups.svelte';
import Caseload from './caseload/Caseload.svelte';
import Documents from './documents/Documents.svelte';

import Children from './children/Children.svelte';
import Plans from './plans/Plans.svelte';
import Delivery from './plans/Delivery.svelte';
import Log from './log/Log.svelte';
import Chronology from './chronology/Chronology.svelte';
import Deadlines from './deadlines/Deadlines.svelte';
import Packs from './packs/Packs.svelte';
import People from './people/People.svelte';
import SenSupport from './sen-support/SenSupport.svelte';

export type SectionProps = { status: VaultStatus };

export type Section = {
  id: string;
  label: string;
  component: Component<SectionProps>;
};

export const SECTIONS: Section[] = [];
// The child's record comes first in the menu.
SECTIONS.unshift(
  { id: 'children', label: 'Children', component: Children },
  { id: 'plan', label: 'Plan', component: Plans },
  { id: 'delivery', label: 'Delivery', component: Delivery },
  { id: 'log', label: 'Contact log', component: Log },
  { id: 'chronology', label: 'Chronology', component: Chronology },
);
// People and SEN Support follow the contact log.
SECTIONS.splice(
  SECTIONS.findIndex((s) => s.id === 'log') + 1,
  0,
  { id: 'people', label: 'People', component: People },
  { id: 'sen-support', label: 'SEN Support', component: SenSupport },
);
SECTIONS.push({ id: 'deadlines', label: 'Deadlines', component: Deadlines });
SECTIONS.push({ id: 'packs', label: 'Packs', component: Packs });
// Documents sit just after the record's own screens.
SECTIONS.splice(SECTIONS.findIndex((s) => s.id === 'chronology') + 1, 0, { id: 'documents', label: 'Documents', component: Documents });
// The caseload leads the menu; a vault with more than one family opens on it (see Home).
SECTIONS.unshift({ id: 'caseload', label: 'Caseload', component: Caseload });
// Backups close the menu: set once, then mostly automatic.
SECTIONS.push({ id: 'backups', label: 'Backups', component: Backups });
