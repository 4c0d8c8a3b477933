/** A calendar date ("YYYY-MM-DD") as a Date at UTC midnight: format it with `timeZone: "UTC"` to show that very date. */
export function utcDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
