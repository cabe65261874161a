import { createHash } from 'node:crypto';
import { type Invoice, InvoiceService } from '@e-invoice-eu/core';
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
    // BT-25 below is what EN 16931 reads; @e-invoice-eu/core 2.3.4 drops it from the CII (its
    // mapping reads cbc:ID where its schema puts cac:InvoiceDocumentReference), so the note says it too.
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
// One generator for the process: building it compiles its EN 16931 JSON schema, which is slow.
let generator: InvoiceService | undefined;

/**
 * Turns the human-readable PDF into a Factur-X PDF/A-3 carrying the EN 16931 CII XML as its
 * associated file. The generator validates the data against its EN 16931 schema first and throws
 * on any violation, so an invalid invoice is never issued.
 */
export async function toFacturX(doc: InvoiceDocument, readablePdf: Buffer) {
  generator ??= new InvoiceService(silent);
  const service = generator;
  const data = toEn16931(doc);
  const xml = await service.generate(data, { format: 'CII', lang: 'fr-fr', noWarnings: true });
  const pdf = await service.generate(data, {
    format: FACTURX_FORMAT,
    lang: 'fr-fr',
    noWarnings: true,
    pdf: { buffer: readablePdf, filename: `${doc.number}.pdf`, mimetype: 'application/pdf' },
  });
  if (typeof xml !== 'string' || typeof pdf === 'string') throw new Error('unexpected Factur-X output');
  const bytes = Buffer.from(pdf);
  return { xml, pdf: bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
