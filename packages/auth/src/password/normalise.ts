/**
 * The same password typed on two systems can arrive composed ("é") or decomposed
 * ("e" + U+0301), or with full-width characters from an IME; NFKC makes those one
 * password. Hashing, verifying and the policy's length count all use this form.
 */
export function normalisePassword(password: string): string {
  return password.normalize("NFKC");
}
