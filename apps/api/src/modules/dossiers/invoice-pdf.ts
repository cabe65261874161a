import PDFDocument from 'pdfkit';

export type InvoiceDocument = {
  number: string;
  issuedAt: Date;
  dueOn: string;
  seller: { legalName: string; siren: string; vatNumber: string; address: string };
  buyer: { companyName: string; siren: string; contact: string; address: string | null };
  productName: string;
  lineLabel: string;
  feeExclVatCents: number;
  vatCents: number;
  totalInclVatCents: number;
  /** Shown to the expert and admins only: what the platform keeps and what the expert receives. */
  statement: { platformCommissionCents: number; expertNetCents: number; expertName: string } | null;
};

// The standard PDF fonts cannot draw the narrow no-break space Intl puts in French numbers.
const euros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
    .format(cents / 100)
    .replace(/[\u202f\u00a0]/g, ' ');
const date = (value: Date | string) =>
  new Intl.DateTimeFormat('fr-FR', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  }).format(new Date(value));

/** Renders an invoice as PDF bytes: seller, buyer, one fee line, VAT 20 %, totals, due date. */
export function renderInvoicePdf(invoice: InvoiceDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Facture ${invoice.number}`, Author: invoice.seller.legalName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.fillColor('#1e2a5a').fontSize(20).text('FACTURE', 50, 50).fontSize(11).fillColor('#161b33');
  doc
    .text(`N° ${invoice.number}`, 50, 78)
    .text(`Date : ${date(invoice.issuedAt)}`)
    .text(`Échéance : ${date(invoice.dueOn)} (30 jours)`);

  doc
    .fontSize(10)
    .text(invoice.seller.legalName, 330, 50, { width: 215 })
    .text(invoice.seller.address, { width: 215 });
  doc.text(`SIREN ${invoice.seller.siren}`).text(`TVA ${invoice.seller.vatNumber}`);

  doc.fontSize(11).text('Facturé à', 50, 160, { underline: true }).fontSize(10);
  doc.text(invoice.buyer.companyName).text(`SIREN ${invoice.buyer.siren}`).text(invoice.buyer.contact);
  if (invoice.buyer.address) doc.text(invoice.buyer.address);

  const top = 260;
  doc.rect(50, top, 495, 22).fill('#eceef5').fillColor('#161b33').fontSize(10);
  doc.text('Désignation', 58, top + 6).text('Montant HT', 430, top + 6, { width: 107, align: 'right' });
  doc.text(`${invoice.lineLabel}`, 58, top + 32, { width: 360 });
  doc.text(euros(invoice.feeExclVatCents), 430, top + 32, { width: 107, align: 'right' });
  const totals = top + 90;
  const row = (label: string, value: string, y: number) => {
    doc.text(label, 300, y, { width: 120 }).text(value, 430, y, { width: 107, align: 'right' });
  };
  row('Total HT', euros(invoice.feeExclVatCents), totals);
  row('TVA 20 %', euros(invoice.vatCents), totals + 18);
  doc.font('Helvetica-Bold');
  row('Total TTC', euros(invoice.totalInclVatCents), totals + 36);
  doc.font('Helvetica');

  if (invoice.statement) {
    const y = totals + 90;
    doc
      .fontSize(11)
      .text(`Relevé expert — ${invoice.statement.expertName}`, 50, y, { underline: true })
      .fontSize(10);
    row('Honoraires HT', euros(invoice.feeExclVatCents), y + 22);
    row('Commission plateforme', `- ${euros(invoice.statement.platformCommissionCents)}`, y + 40);
    doc.font('Helvetica-Bold');
    row('Net versé à l’expert', euros(invoice.statement.expertNetCents), y + 58);
    doc.font('Helvetica');
  }

  doc
    .fontSize(8)
    .fillColor('#4a5270')
    .text(
      `${invoice.seller.legalName} — ${invoice.productName}. Paiement à 30 jours. En cas de retard, pénalités au taux légal et indemnité forfaitaire de 40 € (art. L441-10 du Code de commerce).`,
      50,
      760,
      { width: 495 },
    );
  doc.end();
  return done;
}
