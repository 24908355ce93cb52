/**
 * The first word of a person's name, as a mechanic sees their customer ("Alice"
 * of "Alice Smith"); an empty string when the name has no word.
 */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/u)[0] ?? '';
}
