// Dates as the tests compare them with the server's and the browser's: in
// UTC, the zone the server counts days in and the one the tests' browser
// runs in (fixtures.ts, timezoneId), whatever the machine's zone.

// YYYY-MM-DD of today, or daysFromToday later (earlier if negative).
export function isoDate(daysFromToday = 0): string {
  return new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);
}
