import { DateTime } from 'luxon';

/** Minutes between two possible appointment starts, in the expert's local wall-clock time. */
export const SLOT_STEP_MINUTES = 15;
export const APPOINTMENT_DURATIONS = [30, 45, 60] as const;
export type AppointmentDuration = (typeof APPOINTMENT_DURATIONS)[number];

/** A weekly range in local wall-clock time: ISO weekday (1 = Monday), `HH:MM` to `HH:MM`. */
export type WeeklyRange = { weekday: number; start: string; end: string };
/** Days off, both ends included, as local calendar dates `YYYY-MM-DD`. */
export type AvailabilityException = { from: string; to: string };
export type Availability = {
  timeZone: string;
  weekly: readonly WeeklyRange[];
  exceptions: readonly AvailabilityException[];
};
export type Interval = { start: Date; end: Date };

const MINUTE = 60_000;

function clock(value: string): { hour: number; minute: number } {
  const [hour = 0, minute = 0] = value.split(':').map(Number);
  return { hour, minute };
}

function isDayOff(date: string, exceptions: readonly AvailabilityException[]): boolean {
  return exceptions.some((exception) => exception.from <= date && date <= exception.to);
}

/**
 * The expert's open windows, in UTC, for every local day touching [from, to). Each local wall-clock
 * time is turned into an instant by the zone database (luxon), so a window on a daylight-saving day
 * is as long as the clocks say: 09:00–12:00 stays 09:00–12:00 local, and a range crossing the
 * missing hour of March is one hour shorter in real time.
 */
export function availabilityWindows(availability: Availability, from: Date, to: Date): Interval[] {
  const zone = availability.timeZone;
  // One day of margin on each side: a local day can start up to 14 h away from UTC midnight.
  let day = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromJSDate(to, { zone }).startOf('day').plus({ days: 1 });
  const windows: Interval[] = [];
  while (day <= last) {
    const date = day.toISODate() ?? '';
    if (!isDayOff(date, availability.exceptions)) {
      for (const range of availability.weekly) {
        if (range.weekday !== day.weekday) continue;
        const start = DateTime.fromObject(
          { year: day.year, month: day.month, day: day.day, ...clock(range.start) },
          { zone },
        );
        const end = DateTime.fromObject(
          { year: day.year, month: day.month, day: day.day, ...clock(range.end) },
          { zone },
        );
        if (end > start) windows.push({ start: start.toJSDate(), end: end.toJSDate() });
      }
    }
    day = day.plus({ days: 1 });
  }
  return windows
    .filter((window) => window.end > from && window.start < to)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** True when the instant falls on the 15-minute grid of the zone's wall clock. */
export function isOnSlotGrid(instant: Date, timeZone: string): boolean {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  return local.second === 0 && local.millisecond === 0 && local.minute % SLOT_STEP_MINUTES === 0;
}

export function isAllowedDuration(minutes: number): minutes is AppointmentDuration {
  return (APPOINTMENT_DURATIONS as readonly number[]).includes(minutes);
}

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

export type SlotCheck = 'ok' | 'off-grid' | 'bad-duration' | 'outside-availability';

/** Whether [start, start + duration) is a slot the expert offers (busy times aside). */
export function checkSlot(availability: Availability, start: Date, durationMinutes: number): SlotCheck {
  if (!isAllowedDuration(durationMinutes)) return 'bad-duration';
  if (!isOnSlotGrid(start, availability.timeZone)) return 'off-grid';
  const end = new Date(start.getTime() + durationMinutes * MINUTE);
  const inside = availabilityWindows(availability, start, end).some(
    (window) => window.start <= start && end <= window.end,
  );
  return inside ? 'ok' : 'outside-availability';
}

/**
 * Free slots of one duration in [from, to): every grid start inside an open window whose slot ends
 * inside the same window, does not overlap a busy interval and does not start before `notBefore`.
 */
export function freeSlots(
  availability: Availability,
  options: {
    from: Date;
    to: Date;
    durationMinutes: AppointmentDuration;
    busy: readonly Interval[];
    notBefore: Date;
  },
): Interval[] {
  const slots: Interval[] = [];
  const length = options.durationMinutes * MINUTE;
  for (const window of availabilityWindows(availability, options.from, options.to)) {
    for (
      let t = window.start.getTime();
      t + length <= window.end.getTime();
      t += SLOT_STEP_MINUTES * MINUTE
    ) {
      const slot = { start: new Date(t), end: new Date(t + length) };
      if (slot.start < options.from || slot.end > options.to || slot.start < options.notBefore) continue;
      if (!isOnSlotGrid(slot.start, availability.timeZone)) continue;
      if (options.busy.some((busy) => overlaps(busy, slot))) continue;
      slots.push(slot);
    }
  }
  return slots;
}
