import PDFDocument from 'pdfkit';
import { collect, frenchDate, useEmbeddedFonts } from '../../platform/pdf/fonts';

export type SignatureEvidence = {
  signerName: string;
  signerCapacity: string;
  signerEmail: string;
  company: string;
  consentText: string;
  signedAt: Date;
  ip: string | null;
  userAgent: string | null;
  documentSha256: string;
  documentId: string;
  platformName: string;
};

function letter(doc: PDFKit.PDFDocument, title: string, body: string, reference: string) {
  doc.font('Bold').fontSize(18).fillColor('#1e2a5a').text(title, { align: 'center' });
  doc.font('Body').fontSize(9).fillColor('#4a5270').text(reference, { align: 'center' }).moveDown(1.5);
  doc.fontSize(10.5).fillColor('#161b33');
  for (const paragraph of body.split(/\n{2,}/)) {
    const heading = /^\d+\.\s/.test(paragraph) ? paragraph.split('\n')[0] : null;
    if (heading) {
      doc.font('Bold').text(heading).font('Body');
      const rest = paragraph.slice(heading.length).trim();
      if (rest) doc.text(rest, { align: 'justify' });
    } else {
      doc.text(paragraph, { align: 'justify' });
    }
    doc.moveDown(0.8);
  }
}

/**
 * The document the client reads and signs. Its bytes are fixed by the generation date so the
 * SHA-256 shown to the signer is the SHA-256 of this exact file.
 */
export function renderLetter(input: {
  title: string;
  body: string;
  reference: string;
  createdAt: Date;
  author: string;
}) {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 60,
    pdfVersion: '1.7',
    lang: 'fr-FR',
    info: {
      Title: input.title,
      Author: input.author,
      CreationDate: input.createdAt,
      ModDate: input.createdAt,
    },
  });
  const done = collect(doc);
  useEmbeddedFonts(doc);
  letter(doc, input.title, input.body, input.reference);
  doc.end();
  return done;
}

/** The signed version: the same letter followed by the signature certificate page. */
export function renderSignedLetter(
  input: { title: string; body: string; reference: string; createdAt: Date; author: string },
  evidence: SignatureEvidence,
) {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 60,
    pdfVersion: '1.7',
    lang: 'fr-FR',
    info: { Title: `${input.title} (signé)`, Author: input.author, CreationDate: evidence.signedAt },
  });
  const done = collect(doc);
  useEmbeddedFonts(doc);
  letter(doc, input.title, input.body, input.reference);
  doc.addPage();
  doc.font('Bold').fontSize(16).fillColor('#1e2a5a').text('Certificat de signature électronique').moveDown();
  doc.font('Body').fontSize(10).fillColor('#161b33');
  const when = `${frenchDate(evidence.signedAt)} à ${new Intl.DateTimeFormat('fr-FR', { timeStyle: 'medium', timeZone: 'Europe/Paris' }).format(evidence.signedAt)} (heure de Paris) — ${evidence.signedAt.toISOString()}`;
  const rows: [string, string][] = [
    ['Document', `${input.title} — ${input.reference}`],
    ['Identifiant', evidence.documentId],
    ['Empreinte SHA-256 du document signé', evidence.documentSha256],
    ['Signataire', `${evidence.signerName}, ${evidence.signerCapacity}`],
    ['Société', evidence.company],
    ['Compte', evidence.signerEmail],
    ['Consentement exprimé', evidence.consentText],
    ['Date et heure', when],
    ['Adresse IP', evidence.ip ?? 'inconnue'],
    ['Navigateur', evidence.userAgent ?? 'inconnu'],
  ];
  for (const [label, value] of rows) {
    doc.font('Bold').text(label).font('Body').text(value).moveDown(0.5);
  }
  doc
    .moveDown()
    .fontSize(9)
    .fillColor('#4a5270')
    .text(
      `Signature électronique simple (règlement eIDAS n° 910/2014, art. 25 ; Code civil art. 1367), recueillie par ${evidence.platformName} après authentification du signataire. Ce fichier est scellé par le certificat de la plateforme : toute modification ultérieure est détectable.`,
    );
  doc.end();
  return done;
}
