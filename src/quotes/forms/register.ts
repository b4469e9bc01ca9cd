/**
 * registerQuoteForms: "New Quote: Subscription for a Customer", "New Quote: Change a Subscription",
 * "New Quote: One-time Charges", "New Quote..." (asks which kind), and "Edit Quote" for open quotes.
 * Each opens the endpoint of the active site's product catalog in a form panel. A command resolves
 * with the opened form (controller and panel), which the extension-host tests drive directly (a
 * command's value reaches its caller only in ExtensionMode.Test, see src/commands/register.ts).
 */
import * as vscode from 'vscode';
import type { ProductCatalog } from '../../chargebee/catalog/types';
import { Notice } from '../../commands/register';
import type { UserInput } from '../../commands/user-input';
import { NO_SITE_MESSAGE } from '../../sites/site';
import { FormPanel } from '../../webview/form-panel';
import { otherSiteProblem, quoteRefFrom } from '../actions/args';
import type { QuoteEnvelope } from '../detail/quote-model';
import { pickQuote } from '../picker';
import { isActionAllowed, statusesAllowing } from '../state-rules';
import { initialValuesFor, newQuoteArgsFrom } from './args';
import { QUOTE_FORM_COMMANDS, SITE_COMMANDS } from '../../commands/ids';
import { QuoteFormController } from './controller';
import type { QuoteFormDeps, QuoteFormSite } from './deps';
import type { EditFormPlan } from './edit-form';
import { EditRefusedError, planEditForm } from './edit-form';
import type { FormValues } from '../../forms/values';
import { siteOfRestored, type RestoredForm } from '../../webview/form-restore';
import type { FormRestoreRef } from '../../webview/protocol';
import type { FormMode, QuoteKind } from './kinds';
import { KIND_DETAILS, KIND_LABELS, QUOTE_KINDS } from './kinds';
import { DisposableStore } from '../../util/disposables';

/** What the commands resolve with. */
export interface OpenedQuoteForm {
  readonly controller: QuoteFormController;
  readonly panel: FormPanel;
}

export function registerQuoteForms(deps: QuoteFormDeps): vscode.Disposable {
  const forms = new QuoteForms(deps);
  const register = deps.registerCommand;
  const c = QUOTE_FORM_COMMANDS;
  const disposables = DisposableStore.of(
    register(c.newQuote, async (arg) => forms.openNew(undefined, arg)),
    register(c.newSubscription, async (arg) => forms.openNew('subscription', arg)),
    register(c.newChange, async (arg) => forms.openNew('change', arg)),
    register(c.newOneTime, async (arg) => forms.openNew('onetime', arg)),
    register(c.edit, async (arg) => forms.openEdit(arg)),
  );
  if (deps.restorers) {
    disposables.add(deps.restorers.register(RESTORE_NEW, async (args) => forms.restoreNew(args)));
    disposables.add(deps.restorers.register(RESTORE_EDIT, async (args) => forms.restoreEdit(args)));
  }
  return {
    dispose: () => disposables.dispose(),
  };
}

class QuoteForms {
  constructor(private readonly deps: QuoteFormDeps) {}

  private nowMs(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private async site(): Promise<QuoteFormSite> {
    const site = await this.deps.activeSite();
    if (!site) throw new Notice(NO_SITE_MESSAGE);
    return site;
  }

  /** The site's catalog setting; a site without one is asked about (not remembered: that is the site's setting). */
  private async catalogOf(site: QuoteFormSite): Promise<ProductCatalog | undefined> {
    if (site.catalogVersion !== undefined) return site.catalogVersion;
    const picked = await this.deps.ui.showQuickPick(
      [
        { label: 'Product Catalog 2.0', description: 'items and item prices', catalog: 2 as const },
        { label: 'Product Catalog 1.0', description: 'plans and addons', catalog: 1 as const },
      ],
      { title: `Which product catalog does ${site.info.name} use?`, placeHolder: 'Set it in the site settings to skip this question' },
    );
    return picked?.catalog;
  }

  async openNew(kind: QuoteKind | undefined, arg: unknown): Promise<OpenedQuoteForm | undefined> {
    const args = newQuoteArgsFrom(arg);
    const site = await this.site();
    const chosen = kind ?? (await askKind(this.deps.ui));
    if (chosen === undefined) return undefined;
    const catalog = await this.catalogOf(site);
    if (catalog === undefined) return undefined;
    const initialValues = initialValuesFor(chosen, args);
    const controller = this.newController(site, chosen, catalog, initialValues);
    this.deps.log.info(`Quote form: ${controller.spec.id} on ${site.info.name}`);
    const restore = { kind: RESTORE_NEW, args: { siteId: site.id, kind: chosen, catalog } };
    const panel = FormPanel.show({ extensionUri: this.deps.extensionUri, controller, restore, log: this.deps.log });
    return { controller, panel };
  }

  private newController(site: QuoteFormSite, kind: QuoteKind, catalog: ProductCatalog, initialValues?: FormValues): QuoteFormController {
    return new QuoteFormController({
      site,
      kind,
      mode: 'create',
      catalog,
      ...(initialValues ? { initialValues } : {}),
      onSaved: (envelope, mode) => this.saved(site, envelope, mode),
      onCatalogMismatch: () => this.offerRedetect(site),
    });
  }

  /** The site a restored form was for, or why it cannot come back. */
  private siteFor(siteId: unknown): Promise<QuoteFormSite | { problem: string }> {
    return siteOfRestored(() => this.deps.activeSite(), siteId);
  }

  async restoreNew(args: FormRestoreRef['args']): Promise<RestoredForm> {
    const site = await this.siteFor(args['siteId']);
    if ('problem' in site) return site;
    const kind = QUOTE_KINDS.find((k) => k === args['kind']);
    const catalog = args['catalog'] === 1 || args['catalog'] === 2 ? args['catalog'] : undefined;
    if (kind === undefined || catalog === undefined) return { problem: 'The saved form names a quote kind this version does not know.' };
    return { controller: this.newController(site, kind, catalog) };
  }

  async restoreEdit(args: FormRestoreRef['args']): Promise<RestoredForm> {
    const site = await this.siteFor(args['siteId']);
    if ('problem' in site) return site;
    const quoteId = args['quoteId'];
    if (typeof quoteId !== 'string') return { problem: 'The saved form names no quote.' };
    const plan = await planEditForm(site, quoteId, this.nowMs(), () => Promise.resolve(site.catalogVersion));
    if (!plan) return { problem: `Quote ${quoteId} names no product catalog.` };
    return { controller: this.editController(site, quoteId, plan), key: editKey(site.id, quoteId) };
  }

  private editController(site: QuoteFormSite, quoteId: string, plan: EditFormPlan): QuoteFormController {
    return new QuoteFormController({
      site,
      kind: plan.kind,
      mode: 'edit',
      catalog: plan.catalog,
      quoteId,
      initialValues: plan.values,
      currency: plan.currency,
      description: plan.description,
      ...(plan.submitNote !== undefined ? { submitNote: plan.submitNote } : {}),
      onSaved: (envelope, mode) => this.saved(site, envelope, mode),
      onCatalogMismatch: () => this.offerRedetect(site),
    });
  }

  async openEdit(arg: unknown): Promise<OpenedQuoteForm | undefined> {
    const site = await this.site();
    const otherSite = otherSiteProblem(arg, { id: site.id, label: site.info.name });
    if (otherSite !== undefined) throw new Notice(otherSite);
    let quoteId = quoteRefFrom(arg)?.id;
    if (quoteId === undefined) {
      const now = Math.floor(this.nowMs() / 1000);
      const quote = await pickQuote(site.client, {
        title: `Quote to edit on ${site.info.name}`,
        statuses: statusesAllowing('edit'),
        accept: (q) => isActionAllowed(q, 'edit', now),
        locale: vscode.env.language,
      });
      quoteId = quote?.id;
    }
    if (quoteId === undefined) return undefined;
    const key = editKey(site.id, quoteId);
    const open = FormPanel.find(key);
    if (open && open.session.formId === key) {
      open.reveal();
      return undefined;
    }
    const id = quoteId;
    const plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Loading quote ${id}…` }, async () => {
      try {
        return await planEditForm(site, id, this.nowMs(), async () => this.catalogOf(site));
      } catch (err) {
        throw err instanceof EditRefusedError ? new Notice(err.message) : err;
      }
    });
    if (!plan) return undefined;
    // Whatever the tree showed, it now shows the quote as it is.
    this.deps.tree?.quoteChanged(site.id, plan.envelope.quote);
    const controller = this.editController(site, id, plan);
    const restore = { kind: RESTORE_EDIT, args: { siteId: site.id, quoteId: id } };
    const panel = FormPanel.show({ extensionUri: this.deps.extensionUri, controller, key, restore, log: this.deps.log });
    return { controller, panel };
  }

  /** Not awaited: the form shows its error at once; the offer waits for the person in a notification. */
  private offerRedetect(site: QuoteFormSite): void {
    const again = 'Detect Again';
    void Promise.resolve(
      this.deps.ui.showWarningMessage(`Chargebee says ${site.info.name}'s product catalog is not the one its quote forms use: it changed since it was detected.`, { modal: false }, again),
    ).then(async (answer) => {
      if (answer === again) await vscode.commands.executeCommand(SITE_COMMANDS.detectCatalog, site.id);
    }).catch((err: unknown) => this.deps.log.warn(`Re-detecting the catalog of ${site.id} failed: ${String(err)}`));
  }

  /** After a create or edit: the tree gets the row, and the person gets Open / Show in Tree. */
  private saved(site: QuoteFormSite, envelope: QuoteEnvelope, mode: FormMode): void {
    const quote = envelope.quote;
    this.deps.tree?.quoteChanged(site.id, quote);
    this.deps.log.info(`Quote ${quote.id} ${mode === 'edit' ? 'updated' : 'created'} on ${site.info.name}`);
    const actions: string[] = [];
    if (this.deps.openQuoteCommand !== undefined) actions.push('Open');
    if (this.deps.tree?.reveal !== undefined) actions.push('Show in Tree');
    void vscode.window.showInformationMessage(`Quote #${quote.id} ${mode === 'edit' ? 'updated' : 'created'}`, ...actions).then(async (choice) => {
      try {
        if (choice === 'Open' && this.deps.openQuoteCommand !== undefined) await vscode.commands.executeCommand(this.deps.openQuoteCommand, { quote, siteId: site.id });
        if (choice === 'Show in Tree') await this.deps.tree?.reveal?.(site.id, quote.id);
      } catch (err) {
        this.deps.log.warn(`After quote ${quote.id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  }
}

/** Restore kinds of the quote forms (src/webview/form-restore.ts). */
const RESTORE_NEW = 'quotes.new';
const RESTORE_EDIT = 'quotes.edit';

function editKey(siteId: string, quoteId: string): string {
  return `quotes.edit:${siteId}:${quoteId}`;
}

/** `quoteKind`, not `kind`: QuickPickItem.kind marks separators. */
interface KindItem extends vscode.QuickPickItem {
  readonly quoteKind: QuoteKind;
}

async function askKind(ui: UserInput): Promise<QuoteKind | undefined> {
  const items: KindItem[] = QUOTE_KINDS.map((kind) => ({ label: KIND_LABELS[kind], detail: KIND_DETAILS[kind], quoteKind: kind }));
  const picked = await ui.showQuickPick(
    items,
    { title: 'New Quote', placeHolder: 'What is the quote for?' },
  );
  return picked?.quoteKind;
}
