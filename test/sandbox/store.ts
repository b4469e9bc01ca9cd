/**
 * All state of one sandbox site, in memory. Collections are Maps keyed by id, in insertion order,
 * which is also creation order; counters make quote and invoice numbers sequential as on a real site.
 */
import type {
  Addon, AttachedItem, Coupon, CreditNote, Customer, DifferentialPrice, ExportJob, Invoice, Item, ItemFamily, ItemPrice, Order,
  Plan, PriceVariant, Ramp, StoredQuote, Subscription, Transaction, UnbilledCharge,
} from './models';
import { Prng } from './prng';

/** What a download URL's token grants, until `validTill` (sandbox time). */
export type DownloadGrant =
  | { kind: 'quote_pdf'; quoteId: string; validTill: number; disposition: 'attachment' | 'inline' }
  | { kind: 'export'; exportId: string; validTill: number };

export class Store {
  readonly customers = new Map<string, Customer>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly plans = new Map<string, Plan>();
  readonly addons = new Map<string, Addon>();
  readonly itemFamilies = new Map<string, ItemFamily>();
  readonly items = new Map<string, Item>();
  readonly itemPrices = new Map<string, ItemPrice>();
  readonly coupons = new Map<string, Coupon>();
  readonly quotes = new Map<string, StoredQuote>();
  readonly invoices = new Map<string, Invoice>();
  readonly creditNotes = new Map<string, CreditNote>();
  readonly transactions = new Map<string, Transaction>();
  readonly orders = new Map<string, Order>();
  readonly attachedItems = new Map<string, AttachedItem>();
  readonly differentialPrices = new Map<string, DifferentialPrice>();
  readonly priceVariants = new Map<string, PriceVariant>();
  readonly ramps = new Map<string, Ramp>();
  readonly unbilledCharges = new Map<string, UnbilledCharge>();
  readonly exports = new Map<string, ExportJob>();
  /** Download tokens handed out in URLs. */
  readonly downloads = new Map<string, DownloadGrant>();

  private quoteNumber = 0;
  private invoiceNumber = 0;
  /** Ids minted after seeding come from their own stream, so the seed stays the same whatever tests do. */
  private readonly ids = new Prng(0x5eed1d);

  nextQuoteId(): string {
    this.quoteNumber += 1;
    return String(this.quoteNumber);
  }

  nextInvoiceId(): string {
    this.invoiceNumber += 1;
    return String(this.invoiceNumber);
  }

  /** A Chargebee-style test-site id, e.g. `__test__AzZlXbT6nqPq12Cd`. */
  newId(prefix = '__test__'): string {
    return prefix + this.ids.id();
  }
}
