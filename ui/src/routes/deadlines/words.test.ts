import { describe, expect, it } from 'vitest';
import { describeStatus, days, whose } from './words';

describe('deadline words', () => {
  it('says each status as the core does', () => {
    expect(describeStatus({ state: 'dueIn', days: 0 })).toBe('Due today');
    expect(describeStatus({ state: 'dueIn', days: 1 })).toBe('Due in 1 day');
    expect(describeStatus({ state: 'overdue', days: 12 })).toBe('Overdue by 12 days');
    expect(describeStatus({ state: 'metLate', metOn: '2025-02-14', metBy: 'plan-issued', daysLate: 3 })).toBe(
      'Met 3 days late',
    );
    expect(describeStatus({ state: 'metOnTime', metOn: '2025-02-14', metBy: 'plan-issued', daysToSpare: 3 })).toBe(
      'Met on time (14 Feb 2025)',
    );
    expect(describeStatus({ state: 'passed', days: 2 })).toBe('Passed 2 days ago');
  });

  it('names whose deadline it is', () => {
    expect(whose('family')).toBe('Your deadline');
    expect(whose('localAuthority')).toBe("The LA's deadline");
    expect(days(1)).toBe('1 day');
  });
});
