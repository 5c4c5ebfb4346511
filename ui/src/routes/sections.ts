// The sections of the unlocked app, in navigation order. Each screen lives in its own folder under
// routes/ and receives the vault status. To add a screen: add one line here.
import type { Component } from 'svelte';
import type { VaultStatus } from '../lib/bindings/VaultStatus';

export type SectionProps = { status: VaultStatus };

export type Section = {
  id: string;
  label: string;
  component: Component<SectionProps>;
};

export const SECTIONS: Section[] = [];
