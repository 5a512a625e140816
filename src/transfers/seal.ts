/**
 * The export, encrypted to the acquirer's public key: a fresh AES-256-GCM key encrypts the data
 * and RSA-OAEP (SHA-256) wraps that key, so only the holder of the acquirer's private key can
 * read it — not ECOMKEY's staff after it left, not whoever carries the file.
 * Format: `PLEDGE-TRANSFER-1\n` + header JSON + `\n` + ciphertext.
 */
import { createCipheriv, createDecipheriv, createHash, createPublicKey, privateDecrypt, publicEncrypt, randomBytes, constants, type KeyObject } from 'node:crypto';
import { unprocessable } from '../errors.ts';

const MAGIC = 'PLEDGE-TRANSFER-1\n';
const MIN_RSA_BITS = 3072;

/** The acquirer's key, refused unless it is an RSA public key of at least 3072 bits. */
export function acquirerKey(pem: string): { key: KeyObject; sha256: string } {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw unprocessable('acquirer_key_invalid', 'The acquirer\'s key is not a PEM public key');
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || bits < MIN_RSA_BITS) throw unprocessable('acquirer_key_weak', `The acquirer's key must be RSA of at least ${MIN_RSA_BITS} bits`);
  const der = key.export({ type: 'spki', format: 'der' });
  return { key, sha256: createHash('sha256').update(der).digest('hex') };
}

export function sealForAcquirer(pem: string, plaintext: Buffer): Buffer {
  const { key, sha256 } = acquirerKey(pem);
  const dataKey = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const wrapped = publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, dataKey);
  const header = { alg: 'RSA-OAEP-256+A256GCM', keySha256: sha256, wrappedKey: wrapped.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  return Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + '\n'), body]);
}

/** What the acquirer runs (and the tests): the plaintext back with the private key. */
export function openAsAcquirer(privatePem: string, sealed: Buffer): Buffer {
  const text = sealed.subarray(0, Math.min(sealed.length, 8192)).toString('latin1');
  if (!text.startsWith(MAGIC)) throw new Error('not a Pledge transfer file');
  const end = text.indexOf('\n', MAGIC.length);
  const header = JSON.parse(text.slice(MAGIC.length, end)) as { wrappedKey: string; iv: string; tag: string };
  const dataKey = privateDecrypt({ key: privatePem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(header.wrappedKey, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(header.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(header.tag, 'base64'));
  return Buffer.concat([decipher.update(sealed.subarray(end + 1)), decipher.final()]);
}
