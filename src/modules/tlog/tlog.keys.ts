import fs from 'node:fs';
import path from 'node:path';
import { generateSigner, parseSignerKey, SIG_ED25519, type SignatureType, type Signer } from '../../shared/tlog';

/**
 * The signing key of a log (or a witness), kept in a file in the C2SP note private-key format. Created with mode
 * 0600 on first use; never in the database (a database dump must not let anyone sign checkpoints).
 */
export function loadOrCreateSigner(file: string, name: string, type: SignatureType = SIG_ED25519): { signer: Signer; created: boolean } {
  if (fs.existsSync(file)) {
    const { signer } = parseSignerKey(fs.readFileSync(file, 'utf8'));
    if (signer.name !== name) throw new Error(`the key in ${file} is for ${signer.name}, not ${name}`);
    if (signer.type !== type) throw new Error(`the key in ${file} is not of the expected signature type`);
    return { signer, created: false };
  }
  const g = generateSigner(name, type);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // 'wx': never overwrite a key another process just wrote.
  try {
    fs.writeFileSync(file, `${g.skey}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSigner(file, name, type);
    throw e;
  }
  return { signer: g.signer, created: true };
}
