import { describe, expect, it } from 'vitest';
import { britishDate, isRealDate, schoolYearStart, todayIso, yearGroupLabel } from './dates';

describe('dates', () => {
  it('shows ISO dates the British way', () => {
    expect(britishDate('2025-11-14')).toBe('14 Nov 2025');
    expect(britishDate('2016-03-04')).toBe('4 Mar 2016');
    expect(britishDate(null)).toBe('');
    expect(britishDate('soon')).toBe('soon');
  });

  it('gives the year group with the 1 September cut-off, like the core', () => {
    expect(yearGroupLabel('2019-09-01', '2024-09-04')).toBe('Reception');
    expect(yearGroupLabel('2020-08-31', '2024-09-04')).toBe('Reception');
    expect(yearGroupLabel('2019-08-31', '2024-09-04')).toBe('Year 1');
    expect(yearGroupLabel('2015-12-25', '2025-08-31')).toBe('Year 4');
    expect(yearGroupLabel('2015-12-25', '2025-09-01')).toBe('Year 5');
    expect(yearGroupLabel('2022-01-01', '2026-01-01')).toBe('Nursery');
    expect(yearGroupLabel('2005-01-01', '2026-01-01')).toBe('Past Year 13');
    expect(yearGroupLabel('', '2026-01-01')).toBeNull();
  });

  it('finds the start of the school year and today in local time', () => {
    expect(schoolYearStart('2026-02-01')).toBe('2025-09-01');
    expect(schoolYearStart('2025-09-01')).toBe('2025-09-01');
    expect(todayIso(new Date(2025, 10, 4))).toBe('2025-11-04');
  });

  it('knows real dates from impossible ones', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2025-02-29')).toBe(false);
    expect(isRealDate('14/11/2025')).toBe(false);
  });
});
