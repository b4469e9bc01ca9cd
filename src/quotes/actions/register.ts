/**
 * registerQuoteActions: the quote detail view and every quote action, as commands. Each command takes
 * the quote from its argument (a tree row, a quote, an id) or asks with the quote picker, checks the
 * state rules, asks its questions (cancelling is silent), passes the site write guard, calls the API
 * (the client adds the idempotency key) and pushes the new quote to the tree, the open detail panel and
 * any open JSON document.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Notice } from '../../commands/register';
import { errorText } from '../../log';
import type { UserInput } from '../../commands/user-input';
import { formatMoney, humanize } from '../detail/format';
import { QuoteJsonDocuments } from '../detail/json-document';
import type { DetailAction } from '../detail/messages';
import type { DetailSite } from '../detail/panel';
import { loadLineGroups, type LineGroupsState } from '../detail/line-groups';
import { QuoteDetailPanels } from '../detail/panel';
import type { ConvertEnvelope, QuoteEnvelope, QuoteObject } from '../detail/quote-model';
import { downloadQuotePdf } from '../pdf';
import { openQuotePdf } from '../pdf-open';
import { vscodePdfOpenHost } from '../pdf-open-vscode';
import { pickQuote } from '../picker';
import { isActionAllowed, statusesAllowing, type QuoteAction } from '../state-rules';
import * as api from './api';
import type { QuoteRef } from './args';
import { otherSiteProblem, quoteRefFrom } from './args';
import { QUOTE_ACTION_COMMANDS } from '../../commands/ids';
import { consoleQuoteUrl, hasConsole } from './console-url';
import type { QuoteActionDeps, QuoteSite } from './deps';
import { buildConvertParams, commentProblem } from './inputs';
import * as prompts from './prompts';
import { DisposableStore } from '../../util/disposables';
import { isRecord } from '../../util/guards';
import { DetailCustomerNames } from '../detail/customer-name';

const ACTION_LABELS: Readonly<Record<QuoteAction, string>> = {
  accept: 'accept',
  decline: 'decline',
  close: 'close',
  convert: 'convert',
  extend: 'extend the expiry of',
  edit: 'edit',
  delete: 'delete',
  pdf: 'download the PDF of',
};

const STATUS_CHANGES = {
  accept: { status: 'accepted', verb: 'Accepting', done: 'accepted' },
  decline: { status: 'declined', verb: 'Declining', done: 'declined' },
  close: { status: 'closed', verb: 'Closing', done: 'closed' },
} as const;

export interface QuoteActions extends vscode.Disposable {
  readonly panels: QuoteDetailPanels;
  readonly json: QuoteJsonDocuments;
  /** A detail panel VS Code brought back after a reload (its serializer is registered by activate()). */
  restorePanel(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
}

export function registerQuoteActions(deps: QuoteActionDeps): QuoteActions {
  const runner = new QuoteActionRunner(deps);
  const register = deps.registerCommand;
  const c = QUOTE_ACTION_COMMANDS;
  const disposables = DisposableStore.of(
    ...(runner.removedSub ? [runner.removedSub] : []),
    runner.panels,
    runner.json,
    register(c.open, async (arg) => runner.open(arg)),
    register(c.accept, async (arg) => runner.changeStatus('accept', arg)),
    register(c.decline, async (arg) => runner.changeStatus('decline', arg)),
    register(c.close, async (arg) => runner.changeStatus('close', arg)),
    register(c.convert, async (arg) => runner.convert(arg)),
    register(c.extend, async (arg) => runner.extend(arg)),
    register(c.delete, async (arg) => runner.remove(arg)),
    register(c.pdf, async (arg) => runner.pdf(arg)),
    register(c.copyId, async (arg) => runner.copyId(arg)),
    register(c.openConsole, async (arg) => runner.openConsole(arg)),
    register(c.showJson, async (arg) => runner.showJson(arg)),
  );
  return {
    panels: runner.panels,
    json: runner.json,
    restorePanel: (panel, state) => runner.restorePanel(panel, state),
    dispose: () => disposables.dispose(),
  };
}

class QuoteActionRunner {
  readonly json = new QuoteJsonDocuments();
  readonly panels: QuoteDetailPanels;
  readonly names = new DetailCustomerNames();

  constructor(private readonly deps: QuoteActionDeps) {
    this.panels = new QuoteDetailPanels({
      extensionUri: deps.extensionUri,
      onAction: (site, envelope, action) => void this.fromPanel(site, envelope, action),
      now: () => this.nowSeconds(),
      canEdit: deps.editCommand !== undefined,
      log: deps.log,
      loadLineGroups: async (detail, quoteId) => this.lineGroupsOf(detail, quoteId),
    });
    this.removedSub = deps.onDidRemoveSite?.((siteId) => {
      this.panels.closeSite(siteId);
      this.names.siteRemoved(siteId);
    });
  }

  readonly removedSub: vscode.Disposable | undefined;

  private nowSeconds(): number {
    return Math.floor((this.deps.now?.() ?? Date.now()) / 1000);
  }

  // ---- shared steps ----

  private async site(): Promise<QuoteSite> {
    const site = await this.deps.activeSite();
    if (!site) throw new Notice('Add a Chargebee site (or choose one) before working with quotes.');
    return site;
  }

  /** Never throws: the page says why its billing cycles are missing. */
  private async lineGroupsOf(detail: DetailSite, quoteId: string): Promise<LineGroupsState> {
    try {
      const site = await this.deps.activeSite();
      if (site?.id !== detail.id) return { kind: 'failed', message: `${detail.label} is no longer the active site.` };
      return { kind: 'loaded', groups: await loadLineGroups(site.client, quoteId) };
    } catch (err) {
      return { kind: 'failed', message: errorText(err).message };
    }
  }

  private detailSite(site: QuoteSite): DetailSite {
    return { id: site.id, label: site.label, hasConsole: hasConsole(site.siteName) };
  }

  /**
   * The quote to act on: from the argument, or picked among those whose status allows `action`. A
   * reference that names another site than the active one is refused rather than run on the wrong site.
   */
  private async target(site: QuoteSite, arg: unknown, action: QuoteAction | undefined): Promise<QuoteRef | undefined> {
    const otherSite = otherSiteProblem(arg, site, (id) => this.deps.siteLabel?.(id));
    if (otherSite !== undefined) throw new Notice(otherSite);
    const ref = quoteRefFrom(arg);
    if (ref) return ref;
    const now = this.nowSeconds();
    const quote = await pickQuote(site.client, {
      title: action === undefined ? `Open a quote on ${site.label}` : `Quote to ${ACTION_LABELS[action]} on ${site.label}`,
      ...(action === undefined ? {} : { statuses: statusesAllowing(action), accept: (q: QuoteObject) => isActionAllowed(q, action, now) }),
      locale: vscode.env.language,
    });
    return quote === undefined ? undefined : { id: quote.id, quote };
  }

  /**
   * The quote as it stands, checked against the state rules. A row from the tree may be stale, so a
   * refusal is only given after asking Chargebee for the current quote.
   */
  private async checked(site: QuoteSite, ref: QuoteRef, action: QuoteAction): Promise<QuoteObject> {
    const now = this.nowSeconds();
    if (ref.quote && isActionAllowed(ref.quote, action, now)) return ref.quote;
    const fresh = (await api.retrieveQuote(site.client, ref.id)).quote;
    if (!isActionAllowed(fresh, action, now)) {
      if (ref.quote && ref.quote.status !== fresh.status) this.deps.tree?.quoteChanged(site.id, fresh);
      throw new Notice(`Quote ${fresh.id} is ${humanize(fresh.status).toLowerCase()}${fresh.deleted === true ? ' and deleted' : ''}: you cannot ${ACTION_LABELS[action]} it.`);
    }
    return fresh;
  }

  /** The site and the quote to `action`: picked or given, then checked; undefined when the user backs out. */
  private async subject(arg: unknown, action: QuoteAction): Promise<{ site: QuoteSite; quote: QuoteObject } | undefined> {
    const site = await this.site();
    const ref = await this.target(site, arg, action);
    return ref && { site, quote: await this.checked(site, ref, action) };
  }

  private async guard(site: QuoteSite, action: string): Promise<boolean> {
    const ok = await site.confirmWrite(action);
    if (!ok) this.deps.log.info(`Quote action not confirmed: ${action}`);
    return ok;
  }

  /** After a write: the tree row, the open panel and any open JSON document show the new quote. */
  private applied(site: QuoteSite, envelope: QuoteEnvelope): void {
    if (envelope.quote.deleted === true) this.deps.tree?.quoteDeleted(site.id, envelope.quote.id);
    else this.deps.tree?.quoteChanged(site.id, envelope.quote);
    this.panels.update(site.id, envelope);
    this.json.refresh(site.id, `quote-${envelope.quote.id}`, envelope);
  }

  private async withProgress<T>(title: string, task: () => Promise<T>): Promise<T> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task);
  }

  // ---- commands ----

  /** A detail panel VS Code brought back after a reload: the quote is fetched again, as it is now. */
  async restorePanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const ids = QuoteDetailPanels.restoredIds(state);
    if (!ids) {
      QuoteDetailPanels.showGone(panel, 'Open the quote again from the Quotes view.');
      return;
    }
    const site = await this.deps.activeSite().catch(() => undefined);
    if (!site || site.id !== ids.siteId) {
      QuoteDetailPanels.showGone(panel, site ? `Quote ${ids.quoteId} is on the site ${ids.siteId}, which is not the active site now.` : `Quote ${ids.quoteId} was on the site ${ids.siteId}, which is no longer set up.`);
      return;
    }
    try {
      const envelope = await api.retrieveQuote(site.client, ids.quoteId);
      this.panels.show(this.detailSite(site), envelope, { restored: panel });
    } catch (err) {
      QuoteDetailPanels.showGone(panel, `Quote ${ids.quoteId} could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async open(arg: unknown): Promise<void> {
    const site = await this.site();
    const ref = await this.target(site, arg, undefined);
    if (!ref) return;
    const envelope = await this.withProgress(`Loading quote ${ref.id}…`, async () => api.retrieveQuote(site.client, ref.id));
    this.deps.tree?.quoteChanged(site.id, envelope.quote);
    const customerName = await this.names.of(site, envelope.quote);
    this.panels.show(this.detailSite(site), envelope, { preview: isRecord(arg) && arg.preview === true, ...(customerName !== undefined ? { customerName } : {}) });
  }

  async changeStatus(action: keyof typeof STATUS_CHANGES, arg: unknown): Promise<QuoteEnvelope | undefined> {
    const subject = await this.subject(arg, action);
    if (!subject) return undefined;
    const { site, quote } = subject;
    const change = STATUS_CHANGES[action];
    const comment = await commentFor(this.deps.ui, `Mark quote ${quote.id} as ${change.done}`, 'Comment for the quote history (optional). Press Enter to continue.');
    if (comment === undefined) return undefined;
    if (!(await this.guard(site, `mark quote ${quote.id} as ${change.done}`))) return undefined;
    const envelope = await this.withProgress(`${change.verb} quote ${quote.id}…`, async () => api.updateQuoteStatus(site.client, quote.id, change.status, comment));
    this.applied(site, envelope);
    void vscode.window.showInformationMessage(`Quote ${quote.id} is now ${change.done}.`);
    return envelope;
  }

  async convert(arg: unknown): Promise<ConvertEnvelope | undefined> {
    const subject = await this.subject(arg, 'convert');
    if (!subject) return undefined;
    const { site, quote } = subject;
    const now = this.nowSeconds();
    const choices = await prompts.askConvertChoices(this.deps.ui, quote, now);
    if (choices === undefined) return undefined;
    const built = buildConvertParams(choices);
    if (!built.ok) throw new Notice(built.message);
    if (!(await this.guard(site, `convert quote ${quote.id} to an invoice`))) return undefined;
    const result = await this.withProgress(`Converting quote ${quote.id}…`, async () => api.convertQuote(site.client, quote.id, built.params));
    this.applied(site, result);
    void this.announceConversion(site, result);
    return result;
  }

  private async announceConversion(site: QuoteSite, result: ConvertEnvelope): Promise<void> {
    const invoice = result.invoice;
    const showJson = 'Show JSON';
    if (!invoice) {
      const answer = await vscode.window.showInformationMessage(`Quote ${result.quote.id} converted; no invoice was created now.`, showJson);
      if (answer === showJson) await this.json.show(site.id, `quote-${result.quote.id}-conversion`, result);
      return;
    }
    const total = formatMoney(invoice.total, invoice.currency_code ?? result.quote.currency_code, { locale: vscode.env.language });
    const answer = await vscode.window.showInformationMessage(
      `Quote ${result.quote.id} converted: invoice ${invoice.id}, ${total}, ${humanize(invoice.status).toLowerCase()}.`,
      showJson,
    );
    if (answer === showJson) await this.json.show(site.id, `invoice-${invoice.id}`, invoice);
  }

  async extend(arg: unknown): Promise<QuoteEnvelope | undefined> {
    const subject = await this.subject(arg, 'extend');
    if (!subject) return undefined;
    const { site, quote } = subject;
    const now = this.nowSeconds();
    const validTill = await prompts.askExpiry(this.deps.ui, quote, now);
    if (validTill === undefined) return undefined;
    const until = validTill;
    if (!(await this.guard(site, `extend quote ${quote.id} until ${new Date(until * 1000).toISOString().slice(0, 10)}`))) return undefined;
    const envelope = await this.withProgress(`Extending quote ${quote.id}…`, async () => api.extendQuoteExpiry(site.client, quote.id, until));
    this.applied(site, envelope);
    void vscode.window.showInformationMessage(`Quote ${quote.id} is now valid until ${new Date(until * 1000).toISOString().slice(0, 10)} (end of day, UTC).`);
    return envelope;
  }

  async remove(arg: unknown): Promise<QuoteEnvelope | undefined> {
    const subject = await this.subject(arg, 'delete');
    if (!subject) return undefined;
    const { site, quote } = subject;
    const comment = await commentFor(this.deps.ui, `Delete quote ${quote.id}`, 'Comment, added to the subscription or customer (optional). Press Enter to continue.');
    if (comment === undefined) return undefined;
    if (!(await prompts.confirmDelete(this.deps.ui, quote, site.label))) return undefined;
    if (!(await this.guard(site, `delete quote ${quote.id}`))) return undefined;
    const answer = await this.withProgress(`Deleting quote ${quote.id}…`, async () => api.deleteQuote(site.client, quote.id, comment));
    // Delete answers with the quote; make sure every view treats it as gone even if the flag is absent.
    const envelope: QuoteEnvelope = { ...answer, quote: { ...answer.quote, deleted: true } };
    this.applied(site, envelope);
    void vscode.window.showInformationMessage(`Quote ${quote.id} deleted.`);
    return envelope;
  }

  async pdf(arg: unknown): Promise<string | undefined> {
    const subject = await this.subject(arg, 'pdf');
    if (!subject) return undefined;
    const { site, quote } = subject;
    const options = await prompts.askPdfOptions(this.deps.ui, quote);
    if (options === undefined) return undefined;
    const folder = this.pdfFolder();
    const saved = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Downloading the PDF of quote ${quote.id}…`, cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          return await downloadQuotePdf(site.client, quote.id, options, folder, new Date(this.deps.now?.() ?? Date.now()), controller.signal);
        } finally {
          sub.dispose();
        }
      },
    );
    this.deps.log.info(`Saved the PDF of quote ${quote.id} (${saved.bytes} bytes) to ${saved.file}`);
    const label = path.basename(saved.file);
    const opened = await openQuotePdf(vscodePdfOpenHost(), saved.file, label, async () => (await api.requestQuotePdf(site.client, quote.id, options)).downloadUrl);
    void opened.followUp.catch((err: unknown) => this.deps.log.warn(`Opening the PDF in the browser failed: ${err instanceof Error ? err.message : String(err)}`));
    return saved.file;
  }

  /** PDFs go to the workspace (easy to find, attach, commit) or, without one, to global storage. */
  private pdfFolder(): string {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    return folder ? path.join(folder.uri.fsPath, 'chargebee-quotes') : path.join(this.deps.globalStorageUri.fsPath, 'quotes');
  }

  async copyId(arg: unknown): Promise<void> {
    const site = await this.site();
    const ref = await this.target(site, arg, undefined);
    if (!ref) return;
    await vscode.env.clipboard.writeText(ref.id);
    vscode.window.setStatusBarMessage(`Copied quote id ${ref.id}`, 3000);
  }

  async openConsole(arg: unknown): Promise<void> {
    const site = await this.site();
    if (!hasConsole(site.siteName)) throw new Notice(`${site.label} is not a Chargebee-hosted site, so it has no web console.`);
    const ref = await this.target(site, arg, undefined);
    if (!ref) return;
    const target = consoleQuoteUrl(site.siteName, ref.id);
    if (target !== undefined) await vscode.env.openExternal(vscode.Uri.parse(target));
  }

  async showJson(arg: unknown): Promise<void> {
    const site = await this.site();
    const ref = await this.target(site, arg, undefined);
    if (!ref) return;
    const envelope = await api.retrieveQuote(site.client, ref.id);
    await this.json.show(site.id, `quote-${ref.id}`, envelope);
  }

  /** A button on a detail page: the page's own site must still be the active one. */
  private async fromPanel(detailSite: DetailSite, envelope: QuoteEnvelope, action: DetailAction): Promise<void> {
    const arg = { quote: envelope.quote, siteId: detailSite.id };
    if (action === 'pin') return;
    if (action === 'refresh') {
      // A refreshed preview stays a preview.
      await vscode.commands.executeCommand(QUOTE_ACTION_COMMANDS.open, { ...arg, preview: this.panels.isPreview(detailSite.id, envelope.quote.id) });
      return;
    }
    if (action === 'edit') {
      if (this.deps.editCommand !== undefined) await vscode.commands.executeCommand(this.deps.editCommand, envelope.quote);
      return;
    }
    await vscode.commands.executeCommand(QUOTE_ACTION_COMMANDS[action], arg);
  }
}

/** The comment asked for, refused when the API would refuse it; undefined when the user backs out. */
async function commentFor(ui: UserInput, title: string, prompt: string): Promise<string | undefined> {
  const comment = await prompts.askComment(ui, title, prompt);
  const problem = comment === undefined ? undefined : commentProblem(comment);
  if (problem !== undefined) throw new Notice(problem);
  return comment;
}
