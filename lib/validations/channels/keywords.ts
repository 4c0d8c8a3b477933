/*
 * Transfer keywords are matched against what a customer types regardless of case and surrounding
 * spaces, so " Agent" and "agent" are the same keyword. Zod-free: the wizard's keyword editor runs
 * this before its schema has loaded.
 */

export const normalizeKeyword = (keyword: string) => keyword.trim().toLowerCase();

/** Indexes of keywords that repeat an earlier one (trimmed, case-insensitive). */
export function duplicateKeywordIndexes(keywords: readonly string[]): number[] {
  const seen = new Set<string>();
  const repeats: number[] = [];
  keywords.forEach((keyword, index) => {
    const key = normalizeKeyword(keyword);
    if (seen.has(key)) repeats.push(index);
    seen.add(key);
  });
  return repeats;
}

/** The keyword already in the list that `typed` repeats, if any. */
export function existingKeyword(keywords: readonly string[], typed: string): string | undefined {
  const key = normalizeKeyword(typed);
  return keywords.find((keyword) => normalizeKeyword(keyword) === key);
}
