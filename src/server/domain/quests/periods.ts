/**
 * Calendar arithmetic for quests, in the member's own time zone. Days are "YYYY-MM-DD" strings of the
 * local calendar; instants are Dates. Local midnights are found by searching the zone's real offsets,
 * so days of 23 or 25 hours (daylight saving) and zones whose midnight is skipped come out right.
 */

export type Cadence = "once" | "daily" | "times_per_week" | "every_n_days" | "weekly";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return false;
  try {
    formatter(value);
    return true;
  } catch {
    return false;
  }
}

/** The member's calendar day at an instant. */
export function localDay(instant: Date, timeZone: string): string {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar day. */
export function dayNumber(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayFromNumber(dayNumber(day) + days);
}

/** The Monday that starts the ISO week of a day. */
export function weekStart(day: string): string {
  const n = dayNumber(day);
  // 1970-01-01 was a Thursday: (n + 3) mod 7 is 0 on Mondays.
  return dayFromNumber(n - ((((n + 3) % 7) + 7) % 7));
}

export function monthStartOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function nextMonthStart(day: string): string {
  const [y, m] = day.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 1)).toISOString().slice(0, 10);
}

/** The first instant whose local day is `day` (local midnight, or the end of a gap that swallowed it). */
export function startOfDay(day: string, timeZone: string): Date {
  const minute = 60_000;
  // Offsets lie within −12 h … +14 h, so the start is inside this window.
  let lo = Math.floor((dayNumber(day) * DAY_MS - 15 * 3_600_000) / minute);
  let hi = Math.ceil((dayNumber(day) * DAY_MS + 13 * 3_600_000) / minute);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDay(new Date(mid * minute), timeZone) >= day) hi = mid;
    else lo = mid + 1;
  }
  return new Date(lo * minute);
}

export function endOfDay(day: string, timeZone: string): Date {
  return startOfDay(addDays(day, 1), timeZone);
}

/** Which period a day belongs to, for counting streaks: days, ISO weeks, or windows of N days. */
export function streakPeriod(cadence: Cadence, n: number | null, day: string, anchorDay: string): number {
  switch (cadence) {
    case "weekly":
    case "times_per_week":
      return Math.floor(dayNumber(weekStart(day)) / 7);
    case "every_n_days": {
      const size = Math.max(1, n ?? 1);
      return Math.floor((dayNumber(day) - dayNumber(anchorDay)) / size);
    }
    case "once":
      return 0;
    default:
      return dayNumber(day);
  }
}

export interface Slot {
  /** Unique per member and quest among live completions. */
  key: string;
  /** The local day on which the slot's period ends (exclusive end = start of the day after `lastDay`). */
  lastDay: string;
}

/**
 * The slot a completion on `day` fills. Daily and times-per-week quests take one slot per day (the week
 * count is checked separately); weekly quests one per ISO week; every-N-days one per window of N days
 * counted from the quest's anchor day.
 */
export function slotOf(cadence: Cadence, n: number | null, day: string, anchorDay: string): Slot {
  switch (cadence) {
    case "once":
      return { key: "once", lastDay: day };
    case "weekly": {
      const monday = weekStart(day);
      return { key: `w${monday}`, lastDay: addDays(monday, 6) };
    }
    case "every_n_days": {
      const size = Math.max(1, n ?? 1);
      const index = streakPeriod(cadence, size, day, anchorDay);
      return { key: `n${index}`, lastDay: addDays(anchorDay, (index + 1) * size - 1) };
    }
    default:
      return { key: day, lastDay: day };
  }
}

/** How many completions make a streak period count. */
export function periodTarget(cadence: Cadence, n: number | null): number {
  return cadence === "times_per_week" ? Math.max(1, n ?? 1) : 1;
}
