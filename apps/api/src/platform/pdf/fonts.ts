import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
// Read once: TrueType files parse fast, and every invoice and letter embeds a subset of them.
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const loaded = () => {
  fonts ??= {
    regular: fs.readFileSync(path.join(dir, 'DejaVuSans.ttf')),
    bold: fs.readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')),
  };
  return fonts;
};

/**
 * Embeds DejaVu Sans in a document: PDF/A forbids the unembedded standard fonts, and these draw
 * the € sign and the narrow no-break spaces of French number formats.
 */
export function useEmbeddedFonts(doc: PDFKit.PDFDocument) {
  doc.registerFont('Body', loaded().regular);
  doc.registerFont('Bold', loaded().bold);
  doc.font('Body');
}

/** Collects a pdfkit document's bytes once `end()` is called. */
export function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export const euros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
export const percent = (bps: number) =>
  `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(bps / 100)} %`;
export const frenchDate = (value: Date | string) =>
  new Intl.DateTimeFormat('fr-FR', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  }).format(new Date(value));
