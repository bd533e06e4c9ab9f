/** Login names of officer and system accounts: 3–64 letters, digits and `._@-` (an e-mail address fits). */
export const USERNAME_PATTERN = '^[A-Za-z0-9._@-]+$';
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 64;

export const isUsername = (s: string): boolean => s.length >= USERNAME_MIN && s.length <= USERNAME_MAX && new RegExp(USERNAME_PATTERN).test(s);
