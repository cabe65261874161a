import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';

export type SealCertificate = { p12: Buffer; password: string };

/** A self-signed sealing certificate for installations that configure none (embedded default). */
export function selfSignedCertificate(commonName: string, password: string): Buffer {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(
    pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  );
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(
    pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date();
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
  const subject = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: commonName },
    { name: 'countryName', value: 'FR' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

/**
 * The platform's sealing certificate: the configured PKCS#12, or one generated once under
 * DATA_DIR/signing (with its password beside it, readable by the server only).
 */
export function loadSealCertificate(
  configured: { p12Path: string; password: string } | undefined,
  dataDir: string,
  commonName: string,
): SealCertificate {
  if (configured) return { p12: fs.readFileSync(configured.p12Path), password: configured.password };
  const dir = path.join(dataDir, 'signing');
  const p12Path = path.join(dir, 'platform-seal.p12');
  const passwordPath = path.join(dir, 'platform-seal.password');
  if (!fs.existsSync(p12Path) || !fs.existsSync(passwordPath)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const password = randomBytes(24).toString('base64url');
    fs.writeFileSync(p12Path, selfSignedCertificate(commonName, password), { mode: 0o600 });
    fs.writeFileSync(passwordPath, password, { mode: 0o600 });
  }
  return { p12: fs.readFileSync(p12Path), password: fs.readFileSync(passwordPath, 'utf8').trim() };
}

/** Seals a PDF with the platform certificate (PAdES-style detached CMS over the whole file). */
export async function sealPdf(
  pdf: Buffer,
  certificate: SealCertificate,
  info: { reason: string; name: string; location: string; contactInfo: string },
): Promise<Buffer> {
  const document = await PDFDocument.load(pdf);
  pdflibAddPlaceholder({ pdfDoc: document, ...info, signatureLength: 16_384 });
  const prepared = Buffer.from(await document.save({ useObjectStreams: false }));
  return new SignPdf().sign(prepared, new P12Signer(certificate.p12, { passphrase: certificate.password }));
}

type Asn1 = forge.asn1.Asn1;
type Captured = { authenticatedAttributes?: Asn1[]; signature?: string; certificates?: unknown };

/**
 * Checks a sealed PDF: the signed byte ranges cover the whole file, their SHA-256 is the digest
 * the seal signed, and the signature verifies with the certificate it carries. Any changed or
 * appended byte makes it fail.
 */
export function verifySealedPdf(pdf: Buffer): {
  valid: boolean;
  signer: string | null;
  reason: string | null;
} {
  const fail = (reason: string) => ({ valid: false, signer: null, reason });
  const ranges = [
    ...pdf.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g),
  ];
  const last = ranges.at(-1);
  if (!last) return fail('Aucun sceau dans ce document.');
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || c + d !== pdf.length || c <= a + b) return fail('Le sceau ne couvre pas tout le document.');
  const hex = pdf
    .subarray(a + b + 1, c - 1)
    .toString('latin1')
    .replace(/(00)+$/, '');
  let message: forge.pkcs7.PkcsSignedData;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.hexToBytes(hex.length % 2 ? `${hex}0` : hex), false);
    message = forge.pkcs7.messageFromAsn1(asn1) as forge.pkcs7.PkcsSignedData;
  } catch {
    return fail('Sceau illisible.');
  }
  const capture = (message as unknown as { rawCapture: Captured }).rawCapture;
  const cert = message.certificates[0];
  const attributes = capture.authenticatedAttributes;
  if (!cert || !attributes || !capture.signature) return fail('Sceau incomplet.');
  const digestAttribute = attributes.find((attribute) => {
    const [oid] = attribute.value as Asn1[];
    return oid !== undefined && forge.asn1.derToOid(oid.value as string) === forge.pki.oids.messageDigest;
  });
  const digestValue = ((digestAttribute?.value as Asn1[] | undefined)?.[1]?.value as Asn1[] | undefined)?.[0]
    ?.value;
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const actual = createHash('sha256').update(signed).digest('binary');
  if (digestValue !== actual) return fail('Le document a été modifié après son scellement.');
  const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attributes);
  const md = forge.md.sha256.create();
  md.update(forge.asn1.toDer(set).getBytes());
  const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
  let verified = false;
  try {
    verified = publicKey.verify(md.digest().bytes(), capture.signature);
  } catch {
    verified = false;
  }
  if (!verified) return fail('La signature du sceau est invalide.');
  const cn = cert.subject.getField('CN') as { value?: string } | null;
  return { valid: true, signer: cn?.value ?? null, reason: null };
}
