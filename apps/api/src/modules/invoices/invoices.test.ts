import { createHash } from 'node:crypto';
import { FacturX } from 'factur-x-kit';
import { sql } from 'kysely';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedExpert,
  type Caller,
  clientWithDossiers,
  completeBilling,
  createAdmin,
} from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { type InvoiceDocument, parisDate } from './document';
import { renderFacturX, toEn16931 } from './facturx';
import { renderInvoicePdf } from './pdf';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const LONG = { timeout: 180_000 };
const json = (caller: Caller, url: string) => t.app.inject({ url, headers: caller.headers });
const post = (caller: Caller, url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: caller.headers, payload });

/** A TICPE dossier granted 42 350,50 € at 28 %: the issue's own example (11 858,14 € HT). */
async function grantedDossier() {
  const { client, byProduct } = await clientWithDossiers(t.app);
  const billing = await completeBilling(t.app, client);
  const expert = await approvedExpert(t, admin, { productCodes: ['TICPE'] });
  const id = byProduct.TICPE ?? '';
  await sql`update dossiers set status = 'claim_accepted', expert_id = ${expert.id}, granted_amount_cents = 4235050,
    client_fee_rate_bps = 2800, platform_fee_rate_bps = 3000, decision = 'accepted' where id = ${id}`.execute(
    t.database.db,
  );
  await sql`insert into expert_assignments (dossier_id, expert_id, status, expires_at) values (${id}, ${expert.id}, 'accepted', now())`.execute(
    t.database.db,
  );
  return { client, expert, id, billing };
}

async function invoiceOf(caller: Caller, dossierId: string) {
  const list = await json(caller, `/api/invoices?dossierId=${dossierId}`);
  expect(list.statusCode).toBe(200);
  return list.json().invoices as {
    id: string;
    number: string;
    kind: string;
    status: string;
    events: { status: string }[];
  }[];
}

/** The PDF's associated file (catalog /AF, objects may be compressed): its spec and its XML text. */
async function associatedFile(pdf: Uint8Array) {
  const loaded = await PDFDocument.load(pdf);
  const associated = loaded.catalog.lookup(PDFName.of('AF'), PDFArray);
  const spec = loaded.context.lookup(associated.get(0), PDFDict);
  const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'));
  if (!(stream instanceof PDFRawStream)) throw new Error('the associated file has no embedded stream');
  return { spec, xml: Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8') };
}

/** BG-3 of a CII document: the preceding invoice's number (BT-25), read from the XML. */
const precedingInvoice = (xml: string) =>
  /<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>([^<]+)<\/ram:IssuerAssignedID>/.exec(xml)?.[1];

describe('Factur-X invoice', () => {
  it(
    'is a PDF/A-3 carrying EN 16931 CII XML with every French mention, read back by an independent reader',
    LONG,
    async () => {
      const { client, expert, id, billing } = await grantedDossier();
      const invoiced = await post(expert, `/api/dossiers/${id}/confirm-refund`, {});
      expect(invoiced.statusCode, invoiced.body).toBe(200);
      expect(invoiced.json().invoice).toMatchObject({
        feeExclVatCents: 1_185_814,
        vatCents: 237_163,
        totalInclVatCents: 1_422_977,
        status: 'made_available',
      });
      const [invoice] = await invoiceOf(client, id);
      if (!invoice) throw new Error('no invoice');
      expect(invoice.number).toMatch(/^FT-\d{4}-\d{5}$/);

      const file = await json(client, `/api/invoices/${invoice.id}/facturx.pdf`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      const pdf = file.rawPayload;
      const raw = pdf.toString('latin1');
      // PDF/A-3 identification in the XMP metadata, the XML as associated file (/AF), Factur-X level.
      expect(raw).toContain('<pdfaid:part>3</pdfaid:part>');
      expect(raw).toMatch(/<pdfaid:conformance>[AB]<\/pdfaid:conformance>/);
      const { spec, xml: embedded } = await associatedFile(pdf);
      expect(spec.get(PDFName.of('AFRelationship'))?.toString()).toMatch(/^\/(Alternative|Data)$/);
      expect(spec.lookup(PDFName.of('F'))?.toString()).toContain('factur-x.xml');
      expect(raw).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(
        (await json(client, `/api/invoices/${invoice.id}`)).json().sha256,
      );

      const read = await FacturX.fromPDF(new Uint8Array(pdf));
      const validation = read.validate();
      expect(validation.errors ?? []).toEqual([]);
      expect(validation.valid).toBe(true);
      const today = parisDate(new Date());
      const [year, month, day] = today.split('-').map(Number);
      expect(read.object).toMatchObject({
        profile: expect.objectContaining({}),
        document: { id: invoice.number, type: '380', currency: 'EUR', dateOfIssue: { year, month, day } },
        seller: {
          name: 'FinancialTracker SAS',
          specifiedLegalOrganization: { id: { id: '552100554', scheme: '0002' } },
          postalAddress: {
            postcode: '75002',
            addressLineOne: '10 rue de la Paix',
            city: 'Paris',
            country: 'FR',
          },
          taxIdentification: { vatId: 'FR40552100554' },
        },
        buyer: {
          name: 'Transports Exemple SAS',
          specifiedLegalOrganization: { id: { id: billing.siren, scheme: '0002' } },
          postalAddress: {
            postcode: '69007',
            addressLineOne: '12 avenue des Transporteurs',
            city: 'Lyon',
            country: 'FR',
          },
          taxIdentification: { vatId: billing.vatNumber },
        },
        delivery: { deliveryDate: { year, month, day } },
        totals: {
          sumWithoutAllowancesAndCharges: 11858.14,
          netTotal: 11858.14,
          taxTotal: [{ amount: 2371.63, currency: 'EUR' }],
          grossTotal: 14229.77,
          openAmount: 14229.77,
          taxBreakdown: [
            {
              basisAmount: 11858.14,
              calculatedAmount: 2371.63,
              categoryCode: 'S',
              rateApplicablePercent: 20,
            },
          ],
        },
      });
      const object = read.object as unknown as {
        invoiceLines: { productDescription: { name: string } }[];
        document: { notes: { content: string }[] };
        paymentInformation: {
          paymentTerms: { description: string; dueDate: object };
          paymentMeans: { payeeBankAccount?: { paymentAccountIdentifier?: string } }[];
        };
      };
      // Nature of the service, with the rate and base in French formats.
      expect(object.invoiceLines[0]?.productDescription.name).toMatch(
        /28 % du montant accordé de 42\u202f350,50\u00a0€/,
      );
      const terms = object.paymentInformation.paymentTerms.description;
      expect(terms).toContain('Paiement à 30 jours');
      expect(terms).toContain('trois fois le taux d’intérêt légal');
      expect(terms).toContain('indemnité forfaitaire de 40 € pour frais de recouvrement');
      expect(object.paymentInformation.paymentTerms.dueDate).toBeDefined();
      expect(JSON.stringify(object.paymentInformation.paymentMeans)).toContain('FR7630006000011234567890189');
      expect(object.document.notes[0]?.content).toContain('SAS au capital de 10 000 €');
      expect(object.document.notes[0]?.content).toContain('RCS Paris');
      // Not opted (default): the VAT-on-debits mention is absent.
      expect(object.document.notes[0]?.content).not.toContain('d’après les débits');

      // The XML download is the file embedded in the PDF.
      const xml = await json(admin, `/api/invoices/${invoice.id}/factur-x.xml`);
      expect(xml.statusCode).toBe(200);
      expect(xml.body).toContain('<ram:ID>urn:cen.eu:en16931:2017</ram:ID>');
      expect(xml.body).toBe(embedded);
      expect(precedingInvoice(xml.body)).toBeUndefined();
      expect((await FacturX.fromXML(Buffer.from(xml.body))).validate().valid).toBe(true);
      expect((await json(expert, `/api/dossiers/${id}/invoice.pdf`)).statusCode).toBe(200);

      // Life cycle: issued, made available, received on the client's first download.
      const after = await json(client, `/api/invoices/${invoice.id}`);
      expect(after.json().events.map((e: { status: string }) => e.status)).toEqual([
        'issued',
        'made_available',
        'received',
      ]);
      expect(after.json().status).toBe('received');
      expect((await post(client, `/api/invoices/${invoice.id}/status`, { status: 'paid' })).statusCode).toBe(
        403,
      );
      const paid = await post(client, `/api/dossiers/${id}/confirm-payment`, {});
      expect(paid.json().invoice.status).toBe('paid');
      const final = (await json(admin, `/api/invoices/${invoice.id}`)).json();
      expect(final.events.map((e: { status: string }) => e.status)).toEqual([
        'issued',
        'made_available',
        'received',
        'paid',
      ]);
      for (const event of final.events) expect(Date.parse(event.occurredAt)).toBeGreaterThan(0);
    },
  );

  it(
    'is validated by the generator, invoices and credit notes alike: data breaking EN 16931 is never issued',
    LONG,
    async () => {
      const invoice: InvoiceDocument = {
        kind: 'invoice',
        number: 'FT-2026-99998',
        issueDate: '2026-12-01',
        dueDate: '2026-12-31',
        serviceDate: '2026-12-01',
        seller: {
          legalName: 'S',
          legalForm: 'SAS',
          siren: '552100554',
          vatNumber: 'FR40552100554',
          rcs: 'RCS',
          street: 'r',
          postcode: '75002',
          city: 'Paris',
          country: 'FR',
          iban: 'FR7630006000011234567890189',
          bic: null,
          vatOnDebits: true,
        },
        buyer: {
          legalName: 'B',
          siren: '732829320',
          vatNumber: 'FR44732829320',
          street: 'r',
          postcode: '69007',
          city: 'Lyon',
          country: 'FR',
          contactName: 'x',
        },
        lineLabel: 'x',
        dossierReference: 'D-1',
        feeExclVatCents: 100,
        vatRateBps: 2000,
        vatCents: 20,
        totalInclVatCents: 120,
        credited: null,
        reason: null,
      };
      const creditNote: InvoiceDocument = {
        ...invoice,
        kind: 'credit_note',
        number: 'FT-2026-99999',
        credited: { number: invoice.number, issueDate: invoice.issueDate },
        reason: 'Erreur',
      };
      expect(JSON.stringify(toEn16931(invoice))).toContain(
        'Option pour le paiement de la TVA d’après les débits.',
      );
      for (const doc of [invoice, creditNote]) {
        const data = toEn16931(doc);
        const readable = await renderInvoicePdf(doc);
        const { xml, pdf } = await renderFacturX(data, readable, 'x.pdf');
        expect(xml).toContain(`<ram:TypeCode>${doc.kind === 'invoice' ? '380' : '381'}</ram:TypeCode>`);
        expect(precedingInvoice(xml)).toBe(doc.credited?.number);
        expect((await associatedFile(pdf)).xml).toBe(xml);
        // An unknown document type, and (credit note) a preceding invoice reference without its number.
        const broken = structuredClone(data);
        broken['ubl:Invoice']['cbc:InvoiceTypeCode'] = '999' as '380';
        await expect(renderFacturX(broken, readable, 'x.pdf')).rejects.toMatchObject({
          errors: expect.arrayContaining([
            expect.objectContaining({ instancePath: '/ubl:Invoice/cbc:InvoiceTypeCode' }),
          ]),
        });
        const reference = structuredClone(data)['ubl:Invoice']['cac:BillingReference']?.[0];
        if (reference) {
          const unnamed = structuredClone(data);
          delete (reference['cac:InvoiceDocumentReference'] as { 'cbc:ID'?: string })['cbc:ID'];
          unnamed['ubl:Invoice']['cac:BillingReference'] = [reference];
          await expect(renderFacturX(unnamed, readable, 'x.pdf')).rejects.toMatchObject({
            errors: [
              expect.objectContaining({
                keyword: 'required',
                params: { missingProperty: 'cbc:ID' },
                instancePath: '/ubl:Invoice/cac:BillingReference/0/cac:InvoiceDocumentReference',
              }),
            ],
          });
        }
      }
    },
  );

  it('refuses an invoice before the client gave its billing address and VAT number', LONG, async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    const expert = await approvedExpert(t, admin, { productCodes: ['TICPE'] });
    const id = byProduct.TICPE ?? '';
    await sql`update dossiers set status = 'claim_accepted', expert_id = ${expert.id}, granted_amount_cents = 1000, client_fee_rate_bps = 3000, platform_fee_rate_bps = 3000 where id = ${id}`.execute(
      t.database.db,
    );
    await sql`insert into expert_assignments (dossier_id, expert_id, status, expires_at) values (${id}, ${expert.id}, 'accepted', now())`.execute(
      t.database.db,
    );
    const res = await post(expert, `/api/dossiers/${id}/confirm-refund`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('BILLING_PROFILE_INCOMPLETE');
    const badVat = await t.app.inject({
      method: 'PATCH',
      url: '/api/clients/me/profile',
      headers: client.headers,
      payload: { vatNumber: 'FR00123456789' },
    });
    expect(badVat.statusCode).toBe(400);
    expect(badVat.json().errors[0].field).toBe('vatNumber');
    const otherSiren = await t.app.inject({
      method: 'PATCH',
      url: '/api/clients/me/profile',
      headers: client.headers,
      payload: { vatNumber: 'FR40552100554' },
    });
    expect(otherSiren.statusCode).toBe(400);
    expect(otherSiren.json().errors[0].field).toBe('vatNumber');
    const badPostcode = await t.app.inject({
      method: 'PATCH',
      url: '/api/clients/me/profile',
      headers: client.headers,
      payload: { billingPostcode: '7500' },
    });
    expect(badPostcode.json().errors[0].field).toBe('billingPostcode');
  });
});

describe('credit notes and immutability', () => {
  it('corrects an invoice with credit notes in the same sequence, never by editing it', LONG, async () => {
    const { client, expert, id } = await grantedDossier();
    expect((await post(expert, `/api/dossiers/${id}/confirm-refund`, {})).statusCode).toBe(200);
    const [invoice] = await invoiceOf(admin, id);
    if (!invoice) throw new Error('no invoice');
    expect((await post(expert, `/api/invoices/${invoice.id}/credit-note`, { reason: 'x' })).statusCode).toBe(
      403,
    );
    expect((await post(client, `/api/invoices/${invoice.id}/credit-note`, { reason: 'x' })).statusCode).toBe(
      403,
    );
    const tooMuch = await post(admin, `/api/invoices/${invoice.id}/credit-note`, {
      reason: 'Erreur',
      amountExclVatCents: 2_000_000,
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0].field).toBe('amountExclVatCents');

    const partial = await post(admin, `/api/invoices/${invoice.id}/credit-note`, {
      reason: 'Geste commercial',
      amountExclVatCents: 100_000,
    });
    expect(partial.statusCode, partial.body).toBe(200);
    const note = partial.json();
    expect(note).toMatchObject({
      kind: 'credit_note',
      creditedInvoiceNumber: invoice.number,
      feeExclVatCents: 100_000,
      vatCents: 20_000,
      totalInclVatCents: 120_000,
    });
    const sequenceOf = (number: string) => Number(number.slice(-5));
    expect(sequenceOf(note.number)).toBeGreaterThan(sequenceOf(invoice.number));
    const notePdf = new Uint8Array((await json(client, `/api/invoices/${note.id}/facturx.pdf`)).rawPayload);
    const read = await FacturX.fromPDF(notePdf);
    expect(read.validate().errors ?? []).toEqual([]);
    expect(read.validate().valid).toBe(true);
    // BG-3 / BT-25 in the embedded CII, as an independent reader sees it.
    expect(read.object).toMatchObject({
      document: { id: note.number, type: '381' },
      referencedDocuments: { referencedInvoice: [{ documentId: invoice.number }] },
    });
    const embedded = (await associatedFile(notePdf)).xml;
    expect(precedingInvoice(embedded)).toBe(invoice.number);
    const noteXml = (await json(admin, `/api/invoices/${note.id}/factur-x.xml`)).body;
    expect(noteXml).toBe(embedded);
    expect(noteXml).toContain('<ram:TypeCode>381</ram:TypeCode>');
    // The note names it too, with its date (BT-26 is not in the CII: see facturx.ts).
    expect(noteXml).toContain(`Avoir sur la facture n° ${invoice.number}`);

    const rest = await post(admin, `/api/invoices/${invoice.id}/credit-note`, { reason: 'Annulation' });
    expect(rest.json().feeExclVatCents).toBe(1_185_814 - 100_000);
    const restXml = (await json(admin, `/api/invoices/${rest.json().id}/factur-x.xml`)).body;
    expect(precedingInvoice(restXml)).toBe(invoice.number);
    expect(
      (await post(admin, `/api/invoices/${invoice.id}/credit-note`, { reason: 'Encore' })).json().code,
    ).toBe('INVOICE_STATE');

    // The issued invoice itself never changes, even for the database owner.
    await expect(
      sql`update invoices set fee_excl_vat_cents = 1 where id = ${invoice.id}`.execute(t.database.db),
    ).rejects.toThrow(/cannot be edited/);
    await expect(
      sql`update invoices set facturx_pdf = '\\x00' where id = ${invoice.id}`.execute(t.database.db),
    ).rejects.toThrow(/cannot be edited/);
    await expect(sql`delete from invoices where id = ${invoice.id}`.execute(t.database.db)).rejects.toThrow(
      /never deleted/,
    );
    const listed = await invoiceOf(client, id);
    expect(listed.map((row) => row.kind)).toEqual(['invoice', 'credit_note', 'credit_note']);
  });

  it('numbers invoices and credit notes without gaps or duplicates under concurrency', LONG, async () => {
    const issued: { invoiceId: string }[] = [];
    const pending: { expert: Caller; id: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const { expert, id } = await grantedDossier();
      if (i < 2) {
        expect((await post(expert, `/api/dossiers/${id}/confirm-refund`, {})).statusCode).toBe(200);
        const [invoice] = await invoiceOf(admin, id);
        issued.push({ invoiceId: invoice?.id ?? '' });
      } else pending.push({ expert, id });
    }
    const results = await Promise.all([
      ...pending.map(({ expert, id }) => post(expert, `/api/dossiers/${id}/confirm-refund`, {})),
      ...issued.map(({ invoiceId }) =>
        post(admin, `/api/invoices/${invoiceId}/credit-note`, {
          reason: 'Concurrence',
          amountExclVatCents: 100,
        }),
      ),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const rows = await t.database.db
      .selectFrom('invoices')
      .select(['year', 'sequence', 'number'])
      .orderBy('year')
      .orderBy('sequence')
      .execute();
    const byYear = new Map<number, number[]>();
    for (const row of rows) byYear.set(row.year, [...(byYear.get(row.year) ?? []), row.sequence]);
    for (const sequences of byYear.values()) expect(sequences).toEqual(sequences.map((_, i) => i + 1));
    expect(new Set(rows.map((row) => row.number)).size).toBe(rows.length);
  });
});

describe('listing by period', () => {
  it('lists by issue date for the PA, scoped to what the caller may see, with clear 400s', LONG, async () => {
    const { client, expert, id } = await grantedDossier();
    expect((await post(expert, `/api/dossiers/${id}/confirm-refund`, {})).statusCode).toBe(200);
    const today = parisDate(new Date());
    const inPeriod = (await json(admin, `/api/invoices?from=${today}&to=${today}`)).json().invoices;
    expect(inPeriod.some((row: { dossierId: string }) => row.dossierId === id)).toBe(true);
    const later = (await json(admin, '/api/invoices?from=2999-01-01')).json().invoices;
    expect(later).toEqual([]);
    const mine = (await json(client, '/api/invoices')).json().invoices;
    expect(mine.every((row: { dossierId: string }) => row.dossierId === id)).toBe(true);
    const other = await clientWithDossiers(t.app);
    expect((await json(other.client, '/api/invoices')).json().invoices).toEqual([]);
    expect((await json(other.client, `/api/invoices/${mine[0].id}/facturx.pdf`)).statusCode).toBe(404);
    const bad = await json(admin, '/api/invoices?from=01/12/2026');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from');
  });
});
