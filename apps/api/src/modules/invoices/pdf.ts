import PDFDocument from 'pdfkit';
import { collect, euros, frenchDate, percent, useEmbeddedFonts } from '../../platform/pdf/fonts';
import {
  type ExpertStatement,
  type InvoiceDocument,
  LATE_PAYMENT_TERMS,
  PAYMENT_TERMS,
  VAT_ON_DEBITS,
} from './document';

/**
 * The human-readable side of the Factur-X file: every mention French law asks of an invoice
 * (CGI art. 242 nonies A, Code de commerce L441-9 and L441-10), drawn from the same frozen data
 * as the XML.
 */
export function renderInvoicePdf(invoice: InvoiceDocument, statement: ExpertStatement | null = null) {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    pdfVersion: '1.7',
    lang: 'fr-FR',
    info: {
      Title: `${invoice.kind === 'credit_note' ? 'Avoir' : 'Facture'} ${invoice.number}`,
      Author: invoice.seller.legalName,
      CreationDate: new Date(`${invoice.issueDate}T12:00:00Z`),
    },
  });
  const done = collect(doc);
  useEmbeddedFonts(doc);
  const { seller, buyer } = invoice;
  const title = invoice.kind === 'credit_note' ? 'AVOIR' : 'FACTURE';

  doc.fillColor('#1e2a5a').font('Bold').fontSize(20).text(title, 50, 50);
  doc.font('Body').fontSize(10).fillColor('#161b33');
  doc
    .text(`N° ${invoice.number}`, 50, 80)
    .text(`Date d’émission : ${frenchDate(invoice.issueDate)}`)
    .text(`Date de la prestation : ${frenchDate(invoice.serviceDate)}`)
    .text(`Échéance : ${frenchDate(invoice.dueDate)}`);
  if (invoice.credited) {
    doc.text(
      `Avoir sur la facture n° ${invoice.credited.number} du ${frenchDate(invoice.credited.issueDate)}`,
    );
  }

  doc
    .font('Bold')
    .text(seller.legalName, 330, 50, { width: 215 })
    .font('Body')
    .text(`${seller.legalForm}`, { width: 215 })
    .text(`${seller.street}, ${seller.postcode} ${seller.city}`, { width: 215 })
    .text(`SIREN ${seller.siren} — ${seller.rcs}`, { width: 215 })
    .text(`TVA intracommunautaire ${seller.vatNumber}`, { width: 215 });

  doc.font('Bold').text('Client', 50, 170).font('Body');
  doc
    .text(buyer.legalName)
    .text(`${buyer.street}, ${buyer.postcode} ${buyer.city}`)
    .text(`SIREN ${buyer.siren}`)
    .text(`TVA intracommunautaire ${buyer.vatNumber}`)
    .text(`À l’attention de ${buyer.contactName}`);

  const top = 280;
  doc.rect(50, top, 495, 22).fill('#eceef5').fillColor('#161b33');
  doc
    .font('Bold')
    .text('Désignation', 58, top + 6)
    .text('Montant HT', 430, top + 6, { width: 107, align: 'right' });
  doc.font('Body').text(invoice.lineLabel, 58, top + 32, { width: 360 });
  doc.text(`Dossier ${invoice.dossierReference}`, 58, doc.y + 2, { width: 360 });
  if (invoice.reason) doc.text(`Motif : ${invoice.reason}`, 58, doc.y + 2, { width: 360 });
  doc.text(euros(invoice.feeExclVatCents), 430, top + 32, { width: 107, align: 'right' });

  const totals = Math.max(doc.y + 24, top + 100);
  const row = (label: string, value: string, y: number) =>
    doc.text(label, 280, y, { width: 145 }).text(value, 430, y, { width: 107, align: 'right' });
  row('Total HT', euros(invoice.feeExclVatCents), totals);
  row(
    `TVA ${percent(invoice.vatRateBps)} sur ${euros(invoice.feeExclVatCents)}`,
    euros(invoice.vatCents),
    totals + 18,
  );
  doc.font('Bold');
  row(
    invoice.kind === 'credit_note' ? 'Total TTC à rembourser' : 'Total TTC à payer',
    euros(invoice.totalInclVatCents),
    totals + 36,
  );
  doc.font('Body');

  let y = totals + 76;
  doc.font('Bold').text('Conditions de paiement', 50, y).font('Body').fontSize(9);
  doc.text(PAYMENT_TERMS, 50, doc.y + 2, { width: 495 });
  doc.text(`IBAN ${seller.iban}${seller.bic ? ` — BIC ${seller.bic}` : ''} — référence ${invoice.number}`, {
    width: 495,
  });
  doc.text(LATE_PAYMENT_TERMS, { width: 495 });
  if (seller.vatOnDebits) doc.text(VAT_ON_DEBITS, { width: 495 });
  doc.fontSize(10);
  y = doc.y + 24;

  if (statement) {
    doc.font('Bold').text(`Relevé expert — ${statement.expertName}`, 50, y).font('Body');
    row('Honoraires HT', euros(invoice.feeExclVatCents), y + 20);
    row('Commission plateforme', `− ${euros(statement.platformCommissionCents)}`, y + 38);
    doc.font('Bold');
    row('Net versé à l’expert', euros(statement.expertNetCents), y + 56);
    doc.font('Body');
  }

  doc
    .fontSize(8)
    .fillColor('#4a5270')
    .text(
      `${seller.legalName}, ${seller.legalForm}, ${seller.rcs}, ${seller.street}, ${seller.postcode} ${seller.city}. Facture électronique au format Factur-X (EN 16931) : les données structurées jointes font foi.`,
      50,
      770,
      { width: 495 },
    );
  doc.end();
  return done;
}
