// Deadlines over IPC: the dashboard, recorded events, "due soon", the LA's accountability summary,
// calendar export, letters and settings. Typed by the bindings generated from Rust.
import { call } from '../api';
import type { Accountability } from '../bindings/Accountability';
import type { Child } from '../bindings/Child';
import type { ChildDeadlines } from '../bindings/ChildDeadlines';
import type { Correspondence } from '../bindings/Correspondence';
import type { DeadlineSettings } from '../bindings/DeadlineSettings';
import type { DueSoonItem } from '../bindings/DueSoonItem';
import type { EventKindOption } from '../bindings/EventKindOption';
import type { Letter } from '../bindings/Letter';
import type { LetterKind } from '../bindings/LetterKind';
import type { LetterOffer } from '../bindings/LetterOffer';
import type { NewRecordedEvent } from '../bindings/NewRecordedEvent';
import type { RecordedEvent } from '../bindings/RecordedEvent';

export const deadlineChildren = (): Promise<Child[]> => call('deadlines_children');
/** A child with just a name and date of birth (YYYY-MM-DD). */
export const addDeadlineChild = (name: string, dob: string): Promise<Child> =>
  call('deadlines_child_add', { name, dob });
export const eventKinds = (): Promise<EventKindOption[]> => call('deadlines_event_kinds');
export const childDeadlines = (childId: string): Promise<ChildDeadlines> => call('deadlines_dashboard', { childId });
export const addEvent = (childId: string, event: NewRecordedEvent): Promise<RecordedEvent> =>
  call('deadlines_event_add', { childId, event });
export const deleteEvent = (id: string): Promise<void> => call('deadlines_event_delete', { id });
/** The child's logged letters and emails, to take an event's date from. */
export const childLetters = (childId: string): Promise<Correspondence[]> =>
  call('deadlines_correspondence', { childId });
export const dueSoon = (): Promise<DueSoonItem[]> => call('deadlines_due_soon');
export const accountability = (childId: string): Promise<Accountability> =>
  call('deadlines_accountability', { childId });
/** Shows the Save dialog; the path saved to, or null when the person cancels. */
export const saveAccountabilityPdf = (childId: string): Promise<string | null> =>
  call('deadlines_accountability_save', { childId });
export const saveCalendar = (childId: string): Promise<string | null> => call('deadlines_ics_save', { childId });
export const letterOffers = (childId: string): Promise<LetterOffer[]> => call('deadlines_letter_offers', { childId });
export const draftLetter = (
  childId: string,
  kind: LetterKind,
  about: string | null,
  from: string | null,
): Promise<Letter> => call('deadlines_letter_draft', { childId, kind, about, from });
export const saveLetterPdf = (letter: Letter): Promise<string | null> => call('deadlines_letter_save', { letter });
/** The family sent it: saved to the contact log as an outgoing letter. */
export const markLetterSent = (letter: Letter, sent: string, channel: string | null): Promise<Correspondence> =>
  call('deadlines_letter_sent', { letter, sent, channel });
/** Whether notifications name the child and the deadline (off unless the family turns it on). */
export const notificationDetails = (): Promise<boolean> => call('deadlines_notification_details');
export const setNotificationDetails = (on: boolean): Promise<boolean> => call('deadlines_notification_details_set', { on });
export const deadlineSettings = (): Promise<DeadlineSettings> => call('deadlines_settings');
export const saveDeadlineSettings = (settings: DeadlineSettings): Promise<DeadlineSettings> =>
  call('deadlines_settings_set', { settings });
