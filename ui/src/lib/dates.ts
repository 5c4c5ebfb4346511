// Dates as people in Britain read them. Data is ISO 8601 (YYYY-MM-DD); display is `14 Nov 2025`.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(iso: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return [y, mo, d];
}

/** `2025-11-14` → `14 Nov 2025`; anything unreadable is shown as it came. */
export function britishDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parts(iso);
  return p ? `${p[2]} ${MONTHS[p[1] - 1]} ${p[0]}` : iso;
}

/** Today's date as YYYY-MM-DD, in local time. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The school year (by its starting calendar year) that a date falls in: 1 Sept to 31 Aug. */
export function schoolYearOf(iso: string): number {
  const p = parts(iso);
  if (!p) return NaN;
  return p[1] >= 9 ? p[0] : p[0] - 1;
}

/** The first day of the school year that contains `iso`. */
export function schoolYearStart(iso: string): string {
  return `${schoolYearOf(iso)}-09-01`;
}

/**
 * England's expected year group for a date of birth, as the core computes it (1 September
 * cut-off): shown live while a date of birth is typed.
 */
export function yearGroupLabel(dob: string, on: string): string | null {
  if (!parts(dob) || !parts(on)) return null;
  const n = schoolYearOf(on) - schoolYearOf(dob) - 5;
  if (n < -1) return 'Not yet of school age';
  if (n === -1) return 'Nursery';
  if (n === 0) return 'Reception';
  if (n <= 13) return `Year ${n}`;
  return 'Past Year 13';
}

/** True when `iso` is a real calendar date (not 31 Feb). */
export function isRealDate(iso: string): boolean {
  const p = parts(iso);
  if (!p) return false;
  const d = new Date(Date.UTC(p[0], p[1] - 1, p[2]));
  return d.getUTCFullYear() === p[0] && d.getUTCMonth() === p[1] - 1 && d.getUTCDate() === p[2];
}
