// How the deadlines screen says things: a date's status, whose deadline it is, and "overdue"
// in the same words as the core (deadline.rs `DeadlineStatus::describe`).
import type { Deadline } from '../../lib/bindings/Deadline';
import type { DeadlineStatus } from '../../lib/bindings/DeadlineStatus';
import type { DutyHolder } from '../../lib/bindings/DutyHolder';
import { britishDate } from '../../lib/dates';

export function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

export function describeStatus(status: DeadlineStatus): string {
  switch (status.state) {
    case 'metOnTime':
      return `Met on time (${britishDate(status.metOn)})`;
    case 'metLate':
      return `Met ${days(status.daysLate)} late`;
    case 'dueIn':
      return status.days === 0 ? 'Due today' : `Due in ${days(status.days)}`;
    case 'overdue':
      return `Overdue by ${days(status.days)}`;
    case 'passed':
      return `Passed ${days(status.days)} ago`;
  }
}

const WHO: Record<DutyHolder, string> = {
  family: 'Your deadline',
  localAuthority: "The LA's deadline",
  school: "The school's deadline",
  health: 'Health',
  adviceGiver: 'Professionals giving advice',
  mediationAdviser: 'The mediation adviser',
  tribunal: 'The Tribunal',
  asDirected: 'As the Tribunal directs',
  recordHolder: 'Whoever holds the records',
};

export function whose(who: DutyHolder): string {
  return WHO[who];
}

/** A word for the status that never relies on colour alone. */
export function tone(d: Deadline): 'late' | 'soon' | 'done' | 'open' | 'past' {
  switch (d.status.state) {
    case 'overdue':
      return 'late';
    case 'metOnTime':
    case 'metLate':
      return 'done';
    case 'passed':
      return 'past';
    case 'dueIn':
      return d.status.days <= 14 ? 'soon' : 'open';
  }
}
