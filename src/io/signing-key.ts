/**
 * Ed25519 keys for signed sign-offs (`audit sign --key`, `audit verify --public-key`), read from
 * PEM files as `openssl genpkey -algorithm ed25519` and `openssl pkey -pubout` write them. A
 * private key may be encrypted; its passphrase is taken from AUDIT_SIGNING_KEY_PASSPHRASE.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { readUserFile } from './read-user-file.js';

/** Far larger than any PEM key file. */
const MAX_KEY_BYTES = 64 * 1024;

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export async function readSigningKey(file: string, env: NodeJS.ProcessEnv): Promise<SigningKey> {
  const text = await readKeyText(file, 'signing key');
  refuseSharedKey(file);
  let privateKey: KeyObject;
  const passphrase = env.AUDIT_SIGNING_KEY_PASSPHRASE;
  try {
    privateKey = createPrivateKey({ key: text, format: 'pem', ...(passphrase ? { passphrase } : {}) });
  } catch (err) {
    const encrypted = /passphrase|decrypt|bad decrypt/i.test((err as Error).message) || text.includes('ENCRYPTED');
    throw new InputError(
      !encrypted
        ? 'signing key is not a private key in PEM form (make one with: openssl genpkey -algorithm ed25519 -out signing-key.pem)'
        : passphrase
          ? 'signing key is encrypted and the passphrase in AUDIT_SIGNING_KEY_PASSPHRASE does not open it'
          : 'signing key is encrypted and could not be opened: set AUDIT_SIGNING_KEY_PASSPHRASE to its passphrase',
      { file },
    );
  }
  requireEd25519(privateKey, file, 'signing key');
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export async function readPublicKey(file: string): Promise<KeyObject> {
  const text = await readKeyText(file, 'public key');
  // Node derives a public key from a private one without a word: the verifier would hold the
  // signer's secret, and anyone given it could sign as them.
  if (/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/.test(text)) {
    throw new InputError(
      'public key is a private key: verify with the public key only (make it with: openssl pkey -in signing-key.pem -pubout -out signing-key.pub.pem), and keep the private key to the signer',
      { file },
    );
  }
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

/** The key file an option names, from the folder the command runs in; an empty name is refused rather than taken for that folder. */
export function keyFilePath(cwd: string, given: string, option: string): string {
  if (given.trim() === '') throw new InputError(`${option} needs the path of a key file`);
  return resolve(cwd, given);
}

/** A key file read as text, refused as a key (not as a YAML file) when it is binary or not UTF-8. */
async function readKeyText(file: string, what: string): Promise<string> {
  try {
    return await readUserFile(file, what, { maxBytes: MAX_KEY_BYTES });
  } catch (err) {
    if (err instanceof InputError && /is binary|is not UTF-8/.test(err.message)) {
      throw new InputError(`${what} is not a key file in PEM form (text starting -----BEGIN)`, { file });
    }
    throw err;
  }
}

/**
 * A signature says that whoever holds the key signed; a private key other users can read says
 * nothing of the kind. Refused, as ssh refuses such a key, where file modes mean something
 * (not on Windows, whose access lists Node cannot read).
 */
function refuseSharedKey(file: string): void {
  if (process.platform === 'win32') return;
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  const who = mode & 0o007 ? 'every user of this computer' : 'its group';
  throw new InputError(
    `signing key can be read or changed by ${who} (mode ${mode.toString(8).padStart(3, '0')}), so a signature with it would not show who signed: make it yours alone (chmod 600 ${file}), and if others could have copied it, make a new key`,
    { file },
  );
}
