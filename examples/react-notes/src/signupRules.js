// What couchgate checks at signup (domain Username; couchgate.password.min-length, default 12, and
// the strength estimate, couchgate.password.min-entropy-bits). The app checks the plain rules itself
// before it sends anything, and lists every one that fails; only the server can judge strength.

/** couchgate's default couchgate.password.min-length. */
export const PASSWORD_MIN_LENGTH = 12;

/** The rules as the signup form shows them, before any submit. */
export const SIGNUP_RULES = [
  'Username: 3 to 64 characters: a-z, 0-9, ".", "_" or "-", starting with a letter or digit.',
  `Password: at least ${PASSWORD_MIN_LENGTH} characters.`,
  'Password: hard to guess: a few uncommon words, or a password manager\'s random password; not your username.',
];

function length(text) {
  return [...text].length;
}

/** @returns every broken rule that the app can check itself, as sentences; [] when none. */
export function signupProblems(rawUsername, password) {
  const problems = [];
  const username = String(rawUsername ?? '').normalize('NFKC').toLowerCase();
  const secret = String(password ?? '');
  if (!username) {
    problems.push('username is required');
  } else {
    if (length(username) < 3) problems.push('username must be at least 3 characters');
    if (length(username) > 64) problems.push('username must be at most 64 characters');
    if (!/^[a-z0-9._-]+$/.test(username)) problems.push("username may contain only a-z, 0-9, '.', '_' and '-'");
    else if (!/^[a-z0-9]/.test(username)) problems.push('username must start with a letter or digit');
  }
  if (!secret) problems.push('password is required');
  else if (length(secret) < PASSWORD_MIN_LENGTH) {
    problems.push(`password must be at least ${PASSWORD_MIN_LENGTH} characters (now ${length(secret)})`);
  }
  return problems;
}
