/** A self-signed certificate for a TLS server a test starts on 127.0.0.1 (openssl); null when openssl is missing. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface TestCertificate {
  key: Buffer;
  cert: Buffer;
  /** The certificate's file, for NODE_EXTRA_CA_CERTS. */
  certPath: string;
}

/** `altName` as openssl's subjectAltName wants it: `DNS:localhost` or `IP:127.0.0.1`. */
export function makeTestCertificate(dir: string, commonName: string, altName: string): TestCertificate | null {
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '1'];
  const made = spawnSync('openssl', [...args, '-subj', `/CN=${commonName}`, '-addext', `subjectAltName=${altName}`]);
  if (made.status !== 0) return null;
  return { key: readFileSync(keyPath), cert: readFileSync(certPath), certPath };
}
