import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt is memory-hard and ships with Node: N=2^15, r=8 uses 32 MiB per hash.
const PARAMS: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

function scryptAsync(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEYLEN, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash`, so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const key = await scryptAsync(password, Buffer.from(salt, 'base64'), {
    N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem,
  });
  const expected = Buffer.from(hash, 'base64');
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// The common-password list of zxcvbn-ts (@zxcvbn-ts/language-common, ~49,000 passwords from
// public breach lists), plus the obvious local ones it lacks. Loaded on first use: most
// processes (the CLI, a worker) never need it.
const LOCAL_COMMON = ['matkhau', 'matkhau123', 'matkhau123456', 'anhyeuem', 'anhyeuem123', 'emyeuanh', 'ecomkey', 'ecomkey123', 'pledge123456'];
let common: Promise<Set<string>> | undefined;
const fold = (p: string) => p.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** True for a password on the common-password list (case, width and spaces ignored). */
export async function isCommonPassword(password: string): Promise<boolean> {
  common ??= import('@zxcvbn-ts/language-common').then((m) => new Set([...m.dictionary['passwords-common'], ...LOCAL_COMMON].map(fold)));
  return (await common).has(fold(password));
}
