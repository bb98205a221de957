/**
 * Ed25519 keys for signed sign-offs (`audit sign --key`, `audit verify --public-key`), read from
 * PEM files as `openssl genpkey -algorithm ed25519` and `openssl pkey -pubout` write them. A
 * private key may be encrypted; its passphrase is taken from AUDIT_SIGNING_KEY_PASSPHRASE.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import { readUserFile } from './read-user-file.js';

/** Far larger than any PEM key file. */
const MAX_KEY_BYTES = 64 * 1024;

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export async function readSigningKey(file: string, env: NodeJS.ProcessEnv): Promise<SigningKey> {
  const text = await readUserFile(file, 'signing key', { maxBytes: MAX_KEY_BYTES });
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: text, format: 'pem', ...(env.AUDIT_SIGNING_KEY_PASSPHRASE ? { passphrase: env.AUDIT_SIGNING_KEY_PASSPHRASE } : {}) });
  } catch (err) {
    const encrypted = /passphrase|decrypt|bad decrypt/i.test((err as Error).message) || text.includes('ENCRYPTED');
    throw new InputError(
      encrypted
        ? 'signing key is encrypted and could not be opened: set AUDIT_SIGNING_KEY_PASSPHRASE to its passphrase'
        : 'signing key is not a private key in PEM form (make one with: openssl genpkey -algorithm ed25519 -out signing-key.pem)',
      { file },
    );
  }
  requireEd25519(privateKey, file, 'signing key');
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export async function readPublicKey(file: string): Promise<KeyObject> {
  const text = await readUserFile(file, 'public key', { maxBytes: MAX_KEY_BYTES });
  let key: KeyObject;
  try {
    key = createPublicKey({ key: text, format: 'pem' });
  } catch {
    throw new InputError('public key is not a public key in PEM form (make it with: openssl pkey -in signing-key.pem -pubout -out signing-key.pub.pem)', {
      file,
    });
  }
  requireEd25519(key, file, 'public key');
  return key;
}

function requireEd25519(key: KeyObject, file: string, what: string): void {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new InputError(`${what} is an ${key.asymmetricKeyType ?? 'unknown'} key; audit signs with Ed25519 keys (openssl genpkey -algorithm ed25519)`, { file });
  }
}
