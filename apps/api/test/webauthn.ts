import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/** The test app's relying party: PUBLIC_URL defaults to http://localhost:5001. */
export const TEST_RP = { id: 'localhost', origin: 'http://localhost:5001' };

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

// Authenticator data flags (WebAuthn §6.1): user present, user verified, attested credential data.
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

type Overrides = { challenge?: string; origin?: string; rpId?: string };

/**
 * A software authenticator, as a browser and a security key would answer the ceremonies: an ES256
 * (P-256) key made with node:crypto, a CBOR attestation object of format "none", and assertions
 * signed over authenticator data and the client data's hash. Overrides forge what an attacker
 * would change (challenge, origin, RP id, counter).
 */
export class SoftAuthenticator {
  private readonly keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  /** A copy's id may be given: a forger who knows a credential's id but not its private key. */
  constructor(readonly credentialId = b64url(randomBytes(16))) {}
  /** The signature counter of the last assertion (0 at registration). */
  counter = 0;

  /** The public key as a COSE_Key map (RFC 9053: kty EC2, alg ES256, crv P-256, x, y). */
  private coseKey(): Uint8Array {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x ?? '', 'base64url')],
        [-3, Buffer.from(jwk.y ?? '', 'base64url')],
      ]),
    );
  }

  private authenticatorData(rpId: string, flags: number, attested?: Uint8Array): Buffer {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), counter, ...(attested ? [attested] : [])]);
  }

  private static clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** navigator.credentials.create()'s answer to registration options. */
  register(options: { challenge: string }, overrides: Overrides = {}) {
    const id = Buffer.from(this.credentialId, 'base64url');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(id.length);
    // AAGUID (16 zero bytes: no attestation), credential id length and id, the COSE key.
    const attested = Buffer.concat([Buffer.alloc(16), length, id, this.coseKey()]);
    const authData = this.authenticatorData(overrides.rpId ?? TEST_RP.id, UP | UV | AT, attested);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', authData],
      ]),
    );
    const clientData = SoftAuthenticator.clientData(
      'webauthn.create',
      overrides.challenge ?? options.challenge,
      overrides.origin ?? TEST_RP.origin,
    );
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64url(clientData),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
    };
  }

  /** navigator.credentials.get()'s answer; the counter moves on unless one is forced. */
  authenticate(options: { challenge: string }, overrides: Overrides & { counter?: number } = {}) {
    this.counter = overrides.counter ?? this.counter + 1;
    const authData = this.authenticatorData(overrides.rpId ?? TEST_RP.id, UP | UV);
    const clientData = SoftAuthenticator.clientData(
      'webauthn.get',
      overrides.challenge ?? options.challenge,
      overrides.origin ?? TEST_RP.origin,
    );
    // ES256 signatures are DER-encoded, node:crypto's default for EC keys.
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), this.keys.privateKey);
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64url(clientData),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
      },
      clientExtensionResults: {},
    };
  }
}
