import { createHash } from 'node:crypto';
import { FormatFactoryService, type Invoice, invoiceSchema, ValidationService } from '@e-invoice-eu/core';
import Ajv2019, { type ValidateFunction } from 'ajv/dist/2019.js';
import {
  type BuyerSnapshot,
  decimal,
  type InvoiceDocument,
  LATE_PAYMENT_TERMS,
  PAYMENT_TERMS,
  type SellerSnapshot,
  VAT_ON_DEBITS,
} from './document';

/** The EN 16931 profile of Factur-X ("COMFORT"). */
export const FACTURX_FORMAT = 'Factur-X-EN16931';

const vat = { 'cbc:ID': 'VAT' } as const;
const eur = (cents: number) => decimal(cents);

type Body = Invoice['ubl:Invoice'];

function address(who: SellerSnapshot | BuyerSnapshot) {
  return {
    // The electronic address of French companies in the e-invoicing reform is their SIREN (0002).
    'cbc:EndpointID': who.siren,
    'cbc:EndpointID@schemeID': '0002',
    'cac:PartyName': { 'cbc:Name': who.legalName },
    'cac:PostalAddress': {
      'cbc:StreetName': who.street,
      'cbc:CityName': who.city,
      'cbc:PostalZone': who.postcode,
      // Both parties are French companies (the billing profile accepts FR only).
      'cac:Country': { 'cbc:IdentificationCode': 'FR' },
    },
  } as const;
}

function sellerParty(seller: SellerSnapshot): Body['cac:AccountingSupplierParty'] {
  return {
    'cac:Party': {
      ...address(seller),
      'cac:PartyTaxScheme': [{ 'cbc:CompanyID': seller.vatNumber, 'cac:TaxScheme': vat }],
      'cac:PartyLegalEntity': {
        'cbc:RegistrationName': seller.legalName,
        'cbc:CompanyID': seller.siren,
        'cbc:CompanyID@schemeID': '0002',
        'cbc:CompanyLegalForm': `${seller.legalForm}, ${seller.rcs}`,
      },
    },
  };
}

function buyerParty(buyer: BuyerSnapshot): Body['cac:AccountingCustomerParty'] {
  return {
    'cac:Party': {
      ...address(buyer),
      'cac:PartyTaxScheme': { 'cbc:CompanyID': buyer.vatNumber, 'cac:TaxScheme': vat },
      'cac:PartyLegalEntity': {
        'cbc:RegistrationName': buyer.legalName,
        'cbc:CompanyID': buyer.siren,
        'cbc:CompanyID@schemeID': '0002',
      },
    },
  };
}

/** The invoice in the generator's EN 16931 data model (UBL-shaped JSON), every figure from cents. */
export function toEn16931(doc: InvoiceDocument): Invoice {
  const percent = decimal(doc.vatRateBps).replace(/\.00$/, '');
  const category = { 'cbc:ID': 'S', 'cbc:Percent': percent, 'cac:TaxScheme': vat } as const;
  const notes = [
    `${doc.kind === 'credit_note' ? 'Avoir' : 'Facture'} de la plateforme ${doc.seller.legalName}, ${doc.seller.legalForm}, ${doc.seller.rcs}. Dossier ${doc.dossierReference}.`,
    // BT-25 is in the CII too (see ciiMapperInput); the note also gives the date, which the CII lacks.
    ...(doc.credited ? [`Avoir sur la facture n° ${doc.credited.number} du ${doc.credited.issueDate}.`] : []),
    ...(doc.reason ? [`Motif : ${doc.reason}`] : []),
    ...(doc.seller.vatOnDebits ? [VAT_ON_DEBITS] : []),
  ];
  return {
    'ubl:Invoice': {
      'cbc:CustomizationID': 'urn:cen.eu:en16931:2017',
      'cbc:ID': doc.number,
      'cbc:IssueDate': doc.issueDate,
      'cbc:DueDate': doc.dueDate,
      'cbc:InvoiceTypeCode': doc.kind === 'credit_note' ? '381' : '380',
      // The generator writes every note into one CII note element: one note keeps the XML valid.
      'cbc:Note': [notes.join(' ')],
      'cbc:DocumentCurrencyCode': 'EUR',
      'cbc:BuyerReference': doc.dossierReference,
      ...(doc.credited
        ? {
            'cac:BillingReference': [
              {
                'cac:InvoiceDocumentReference': {
                  'cbc:ID': doc.credited.number,
                  'cbc:IssueDate': doc.credited.issueDate,
                },
              },
            ],
          }
        : {}),
      'cac:AccountingSupplierParty': sellerParty(doc.seller),
      'cac:AccountingCustomerParty': buyerParty(doc.buyer),
      'cac:Delivery': { 'cbc:ActualDeliveryDate': doc.serviceDate },
      'cac:PaymentMeans': [
        {
          'cbc:PaymentMeansCode': '58',
          'cbc:PaymentMeansCode@name': 'Virement SEPA',
          'cbc:PaymentID': doc.number,
          'cac:PayeeFinancialAccount': {
            'cbc:ID': doc.seller.iban,
            'cbc:Name': doc.seller.legalName,
            ...(doc.seller.bic ? { 'cac:FinancialInstitutionBranch': { 'cbc:ID': doc.seller.bic } } : {}),
          },
        },
      ],
      'cac:PaymentTerms': { 'cbc:Note': `${PAYMENT_TERMS} ${LATE_PAYMENT_TERMS}` },
      'cac:TaxTotal': [
        {
          'cbc:TaxAmount': eur(doc.vatCents),
          'cbc:TaxAmount@currencyID': 'EUR',
          'cac:TaxSubtotal': [
            {
              'cbc:TaxableAmount': eur(doc.feeExclVatCents),
              'cbc:TaxableAmount@currencyID': 'EUR',
              'cbc:TaxAmount': eur(doc.vatCents),
              'cbc:TaxAmount@currencyID': 'EUR',
              'cac:TaxCategory': category,
            },
          ],
        },
      ],
      'cac:LegalMonetaryTotal': {
        'cbc:LineExtensionAmount': eur(doc.feeExclVatCents),
        'cbc:LineExtensionAmount@currencyID': 'EUR',
        'cbc:TaxExclusiveAmount': eur(doc.feeExclVatCents),
        'cbc:TaxExclusiveAmount@currencyID': 'EUR',
        'cbc:TaxInclusiveAmount': eur(doc.totalInclVatCents),
        'cbc:TaxInclusiveAmount@currencyID': 'EUR',
        'cbc:PayableAmount': eur(doc.totalInclVatCents),
        'cbc:PayableAmount@currencyID': 'EUR',
      },
      'cac:InvoiceLine': [
        {
          'cbc:ID': '1',
          'cbc:InvoicedQuantity': '1',
          'cbc:InvoicedQuantity@unitCode': 'C62',
          'cbc:LineExtensionAmount': eur(doc.feeExclVatCents),
          'cbc:LineExtensionAmount@currencyID': 'EUR',
          'cac:Item': { 'cbc:Name': doc.lineLabel, 'cac:ClassifiedTaxCategory': category },
          'cac:Price': { 'cbc:PriceAmount': eur(doc.feeExclVatCents), 'cbc:PriceAmount@currencyID': 'EUR' },
        },
      ],
    },
  };
}

const silent = { log() {}, warn() {}, error() {} };
const formats = new FormatFactoryService();
let validator: ValidateFunction<Invoice> | undefined;

/**
 * The generator's own validation: its EN 16931 JSON schema (code lists, cardinalities, formats), as
 * patched by the output format, compiled once per process with the options it uses itself. Throws
 * (ajv ValidationError) on any violation, so invalid data, invoice or credit note, is never issued.
 */
function validated(data: Invoice): Invoice {
  if (!validator) {
    const schema = structuredClone(invoiceSchema);
    formats.createFormatService(FACTURX_FORMAT, silent).patchSchema(schema);
    validator = new Ajv2019({ strict: true, allErrors: true, useDefaults: true }).compile(schema);
  }
  return new ValidationService(silent).validate('invoice data', validator, structuredClone(data));
}

/**
 * The validated data as the 2.3.4 CII mapper reads it. Its mapping of BG-3 reads BT-25 from
 * `cac:BillingReference[].cbc:ID`, where its schema (and UBL) put it in
 * `cac:InvoiceDocumentReference`, so the preceding invoice was silently dropped from the CII. Fixed
 * upstream in 3.0.0, which the npm registry does not serve (latest 2.3.4): until then the mapper
 * gets the key it reads, after validation. Only the number: the same mapping writes BT-26 as
 * `udt:DateTimeString` with dashes where CII wants `qdt:DateTimeString` format 102 (CCYYMMDD), which
 * readers reject; BT-26 is optional (numbers are unique) and the note carries the date.
 */
function ciiMapperInput(invoice: Invoice): Invoice {
  const body = invoice['ubl:Invoice'];
  const references = body['cac:BillingReference'];
  if (!references) return invoice;
  const mapped = references.map((reference) => ({
    ...reference,
    'cbc:ID': reference['cac:InvoiceDocumentReference']['cbc:ID'],
  }));
  return { 'ubl:Invoice': { ...body, 'cac:BillingReference': mapped } } as Invoice;
}

/**
 * Generates the CII XML and the Factur-X PDF/A-3 (the human-readable PDF with that XML as its
 * associated file) from EN 16931 data, after the generator's validation. What
 * `InvoiceService.generate` does, with the BG-3 mapping input above in between.
 */
export async function renderFacturX(data: Invoice, readablePdf: Buffer, filename: string) {
  const invoice = validated(data);
  const format = formats.normalizeFormat(FACTURX_FORMAT);
  const generator = formats.createFormatService(format, silent);
  generator.fillInvoiceDefaults(invoice);
  const input = ciiMapperInput(invoice);
  const xml = await formats.createFormatService('CII', silent).generate(structuredClone(input), {
    format: 'CII',
    lang: 'fr-fr',
    noWarnings: true,
  });
  const pdf = await generator.generate(structuredClone(input), {
    format,
    lang: 'fr-fr',
    noWarnings: true,
    pdf: { buffer: readablePdf, filename, mimetype: 'application/pdf' },
  });
  if (typeof xml !== 'string' || typeof pdf === 'string') throw new Error('unexpected Factur-X output');
  return { xml, pdf: Buffer.from(pdf) };
}

/** The Factur-X file of an invoice or credit note, with the SHA-256 kept as evidence. */
export async function toFacturX(doc: InvoiceDocument, readablePdf: Buffer) {
  const { xml, pdf } = await renderFacturX(toEn16931(doc), readablePdf, `${doc.number}.pdf`);
  return { xml, pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
}
