/**
 * The export jobs' commands and completion handling. Every handler, and every follow-up started from
 * a notification button, runs under the central command wrapper (src/commands/register.ts).
 */
import * as vscode from 'vscode';
import { runCommand, type RegisterCommand } from '../commands/register';
import { openDownloadedFiles, revealDownloadedFile } from '../downloads/open';
import { downloadFolder, filesOf, withDownloadProgress } from '../downloads/progress';
import { EXPORT_JOB_COMMANDS, type CommandIdOf } from '../commands/ids';
import type { Clock } from './jobs/clock';
import { systemClock } from './jobs/clock';
import type { DownloadResult } from './jobs/download-job';
import { downloadExport } from './jobs/download-job';
import type { ExportApi } from './jobs/export-api';
import { catalogPath } from './jobs/export-api';
import { describeFacts } from './jobs/file-facts';
import type { ExportJob } from './jobs/job';
import { DownloadLinks } from './jobs/links';
import type { KeyValueStore } from './jobs/store';
import { JobStore } from './jobs/store';
import { ExportPoller } from './poller';
import type { ExportEngineDeps } from './queue';
import { ExportQueue } from './queue';
import { ExportStatusBar } from './status-bar';
import type { FileNode } from './tree/provider';
import { EXPORT_JOBS_VIEW, ExportJobsTreeProvider, KindTitles } from './tree/provider';
import type { JobNames } from './tree/presentation';
import { jobTitle, siteName } from './tree/presentation';
import type { UserInput } from '../commands/user-input';
import { DisposableStore } from '../util/disposables';

const SETTINGS_SECTION = 'chargebee.exports';

interface FileSettings {
  readonly autoDownload: boolean;
  readonly openAfterDownload: boolean;
  readonly downloadFolder: string;
}

function fileSettings(): FileSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    autoDownload: config.get<boolean>('autoDownload', true),
    openAfterDownload: config.get<boolean>('openAfterDownload', true),
    downloadFolder: config.get<string>('downloadFolder', ''),
  };
}

export interface ExportJobsOptions {
  /** `context.workspaceState`: jobs survive reloads, per workspace and site. */
  readonly state: KeyValueStore;
  readonly globalStorageUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** The export API of a site (see `exportApi(exportClient(...))`), undefined while it has no key. */
  readonly apiFor: (siteId: string) => ExportApi | undefined;
  /** The central command wrapper (src/commands/register.ts). */
  readonly registerCommand: RegisterCommand;
  /** Every question the commands ask goes through it. */
  readonly ui: UserInput;
  /** The sites' labels (messages and the tree name a site by its label) and their removal. */
  readonly sites?: {
    label(siteId: string): string | undefined;
    onDidChange(listener: (change: { readonly kind: string; readonly siteId: string | undefined }) => void): { dispose(): void };
  };
  readonly clock?: Clock;
}

/** What the rest of the extension uses: the form enqueues, the sites service pokes when a key arrives. */
export interface ExportJobs extends vscode.Disposable {
  readonly store: JobStore;
  readonly queue: ExportQueue;
  readonly poller: ExportPoller;
}

/**
 * Builds the job machinery (store, queue, poller), its views (tree, status bar), the job commands and the
 * completion handling, and starts polling from the persisted jobs. Everything it creates is disposed with it.
 */
export function registerExportJobs(options: ExportJobsOptions): ExportJobs {
  const clock = options.clock ?? systemClock;
  const store = new JobStore(options.state);
  // Labels are remembered, so a removed site's jobs can still be named when asking about them.
  const labels = new Map<string, string>();
  const titles = new KindTitles();
  const names: JobNames & { loadTitles(): Promise<void> } = {
    kindTitle: (kind) => titles.get(kind),
    loadTitles: () => titles.load(),
    siteLabel: (siteId) => {
      const label = options.sites?.label(siteId);
      if (label !== undefined) labels.set(siteId, label);
      return label ?? labels.get(siteId);
    },
  };
  const deps: ExportEngineDeps = {
    store,
    links: new DownloadLinks(),
    apiFor: options.apiFor,
    pathFor: catalogPath,
    clock,
    log: options.log,
    focused: () => vscode.window.state.focused,
    // Read on every use, so a settings change applies at the next tick without a restart.
    settings: () => {
      const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
      return { maxConcurrent: config.get<number>('maxConcurrent'), pollIntervalSeconds: config.get<number>('pollIntervalSeconds') };
    },
  };
  const queue = new ExportQueue(deps);
  const poller = new ExportPoller(deps, queue);
  const tree = new ExportJobsTreeProvider(store, clock, { ...names, openCommand: EXPORT_JOB_COMMANDS.openFile, loadKindTitles: () => titles.load() });
  const actions = new JobActions(deps, queue, poller, options, names);
  let writeWarned = false;
  const disposables = DisposableStore.of(
    vscode.window.createTreeView(EXPORT_JOBS_VIEW, { treeDataProvider: tree, showCollapseAll: true }),
    tree,
    new ExportStatusBar(store, clock, names),
    ...actions.register(),
    poller.onDidFinish((job) => void actions.finished(job)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTINGS_SECTION)) poller.poke();
    }),
    // Unfocused, status checks slow down; focus back, the next check moves forward again.
    vscode.window.onDidChangeWindowState(() => poller.poke()),
    store.onDidFailWrite((err) => {
      options.log.error(`Saving the export jobs failed: ${err.message}`);
      // One toast per run: the jobs go on in memory and every later change writes the whole list again.
      if (writeWarned) return;
      writeWarned = true;
      void vscode.window.showWarningMessage(`The export jobs could not be saved (${err.message}). They go on in this window, but a reload may lose their latest state.`);
    }),
    ...(options.sites ? [options.sites.onDidChange((change) => {
      tree.refresh();
      if (change.kind === 'removed' && change.siteId !== undefined) {
        const siteId = change.siteId;
        void runCommand(options.log, EXPORT_JOB_COMMANDS.remove, () => actions.siteRemoved(siteId), []);
      }
    })] : []),
  );
  poller.start();
  return {
    store,
    queue,
    poller,
    dispose: () => {
      poller.dispose();
      queue.dispose();
      disposables.dispose();
      store.dispose();
    },
  };
}

/** The handlers behind the job commands and the completion notification. */
class JobActions {
  private readonly downloading = new Map<string, Promise<DownloadResult | undefined>>();
  /** Stopping or removing a job aborts its download. */
  private readonly downloadAborts = new Map<string, AbortController>();

  constructor(
    private readonly deps: ExportEngineDeps,
    private readonly queue: ExportQueue,
    private readonly poller: ExportPoller,
    private readonly options: ExportJobsOptions,
    private readonly names: JobNames & { loadTitles(): Promise<void> },
  ) {}

  /** `the Customers export on Acme (test)`. */
  private describe(job: ExportJob): string {
    return `the ${jobTitle(job, this.names)} export on ${siteName(job.siteId, this.names)}`;
  }

  register(): vscode.Disposable[] {
    const c = EXPORT_JOB_COMMANDS;
    return [
      this.options.registerCommand(c.openFile, async (arg?: unknown) => {
        // A file under a job (one CSV of several) opens on its own.
        if (isFileNode(arg)) return openDownloadedFiles([arg.file], { preserveFocus: false });
        const job = isJob(arg) ? this.deps.store.get(arg.id) : await this.pickJob();
        if (job) await this.open(job);
      }),
      this.command(c.revealFile, async (job) => this.reveal(job)),
      this.command(c.download, async (job) => {
        const result = await this.download(job);
        if (result) await this.offer(job, result);
      }),
      this.command(c.runAgain, async (job) => {
        await this.queue.enqueue({ siteId: job.siteId, kind: job.kind, params: job.params });
      }),
      this.command(c.copyId, async (job) => {
        await vscode.env.clipboard.writeText(job.exportId ?? job.id);
        vscode.window.setStatusBarMessage(`Copied ${job.exportId ? 'export' : 'job'} id ${job.exportId ?? job.id}`, 3000);
      }),
      this.command(c.remove, async (job) => {
        // Forgets the job (stopping it first); downloaded files stay where they are.
        await this.stop(job);
        this.deps.links.delete(job.id);
        await this.deps.store.remove(job.id);
      }),
      this.command(c.cancel, async (job) => {
        await this.stop(job);
      }),
      this.command(c.checkNow, async (job) => {
        await this.queue.checkNow(job.id);
        this.poller.poke();
      }),
      this.options.registerCommand(c.clearFinished, async () => {
        for (const job of this.deps.store.list()) {
          if (job.status !== 'queued' && job.status !== 'running') {
            this.deps.links.delete(job.id);
            await this.deps.store.remove(job.id);
          }
        }
      }),
    ];
  }

  /** Stops polling and downloading a job; Chargebee itself has no cancel for a started export. */
  private async stop(job: ExportJob): Promise<void> {
    this.downloadAborts.get(job.id)?.abort();
    if (job.status === 'queued' || job.status === 'running') await this.queue.cancel(job.id);
  }

  /** A removed site's jobs go with it, after asking; kept ones stay under the site's last label. */
  async siteRemoved(siteId: string): Promise<void> {
    const jobs = this.deps.store.list(siteId);
    if (jobs.length === 0) return;
    const remove = 'Remove Jobs';
    // A notification like the other job news (not a prompt of the removal command): the site is gone either way.
    const answer = await vscode.window.showWarningMessage(
      `${siteName(siteId, this.names)} was removed. Remove its ${jobs.length} export ${jobs.length === 1 ? 'job' : 'jobs'} from Export Jobs too? Downloaded files stay where they are.`,
      remove,
      'Keep',
    );
    if (answer !== remove) return;
    for (const job of jobs) {
      await this.stop(job);
      this.deps.links.delete(job.id);
      await this.deps.store.remove(job.id);
    }
  }

  /** A completion or failure, from the poller. Nothing here takes focus: a notification says it. */
  async finished(job: ExportJob): Promise<void> {
    await this.names.loadTitles().catch(() => undefined);
    if (job.status === 'failed') {
      const again = 'Run Again';
      const pick = await vscode.window.showErrorMessage(`${capitalised(this.describe(job))} failed: ${job.error ?? 'no reason given'}`, again);
      if (pick === again) await this.guard(EXPORT_JOB_COMMANDS.runAgain, () => this.queue.enqueue({ siteId: job.siteId, kind: job.kind, params: job.params }));
      return;
    }
    const settings = fileSettings();
    if (!settings.autoDownload) {
      await this.offer(job, undefined);
      return;
    }
    let result: DownloadResult | undefined;
    try {
      result = await this.download(job);
    } catch (err) {
      const retry = 'Retry';
      this.options.log.warn(`Download of ${this.describe(job)} failed: ${err instanceof Error ? err.message : String(err)}`);
      const pick = await vscode.window.showErrorMessage(`Downloading ${this.describe(job)} failed: ${err instanceof Error ? err.message : String(err)}`, retry);
      const current = this.deps.store.get(job.id);
      if (pick === retry && current) await this.finished(current);
      return;
    }
    if (!result) return;
    // In the background: an editor the user is typing in keeps the focus, and one preview tab is reused.
    if (settings.openAfterDownload) await this.guard(EXPORT_JOB_COMMANDS.openFile, () => openInBackground(filesOf(result)[0]));
    await this.offer(job, result);
  }

  /** "Export ready: 1,234 rows · 2.1 MB" with Open and Reveal; either downloads first when the file isn't here yet. */
  private async offer(job: ExportJob, result: DownloadResult | undefined): Promise<void> {
    const open = 'Open';
    const reveal = 'Reveal';
    const current = this.deps.store.get(job.id) ?? job;
    const facts = describeFacts(current);
    const more = result && result.extracted.length > 1 ? `, ${result.extracted.length} files` : '';
    const pick = await vscode.window.showInformationMessage(`${capitalised(this.describe(job))} is ready${facts ? `: ${facts}${more}` : more}.`, open, reveal);
    const latest = this.deps.store.get(job.id);
    if (!latest) return;
    if (pick === open) await this.guard(EXPORT_JOB_COMMANDS.openFile, () => this.open(latest));
    if (pick === reveal) await this.guard(EXPORT_JOB_COMMANDS.revealFile, () => this.reveal(latest));
  }

  /** Opens the job's first file; a zip's other CSVs are listed under the job in the tree. */
  private async open(job: ExportJob): Promise<void> {
    const files = job.localFile ? filesOf({ file: job.localFile, extracted: job.extractedFiles ?? [] }) : undefined;
    // The user asked for it (a click): the file takes the focus.
    if (files && (await allExist(files))) {
      await openDownloadedFiles(files.slice(0, 1), { preserveFocus: false });
      return;
    }
    const result = await this.download(job);
    if (result) await openDownloadedFiles(filesOf(result).slice(0, 1), { preserveFocus: false });
  }

  private async reveal(job: ExportJob): Promise<void> {
    let file = job.localFile;
    if (!file || !(await allExist([file]))) file = (await this.download(job))?.file;
    if (file) await revealDownloadedFile(file);
  }

  /** One download per job at a time: a second click joins the one in progress. */
  private download(job: ExportJob): Promise<DownloadResult | undefined> {
    const running = this.downloading.get(job.id);
    if (running) return running;
    const folder = downloadFolder(fileSettings().downloadFolder, this.options.globalStorageUri);
    const own = new AbortController();
    this.downloadAborts.set(job.id, own);
    const task = withDownloadProgress(`Downloading ${this.describe(job)}`, (signal, onProgress) =>
      downloadExport(this.deps, { jobId: job.id, folder, extract: true, signal: AbortSignal.any([signal, own.signal]), onProgress }),
    ).finally(() => {
      this.downloading.delete(job.id);
      this.downloadAborts.delete(job.id);
    });
    this.downloading.set(job.id, task);
    return task;
  }

  /** A job command: takes the tree's job, or asks for one when run from elsewhere. */
  private command(id: CommandIdOf<'exportJobs'>, handler: (job: ExportJob) => Promise<void>): vscode.Disposable {
    return this.options.registerCommand(id, async (arg?: unknown) => {
      const job = isJob(arg) ? this.deps.store.get(arg.id) : await this.pickJob();
      if (job) await handler(job);
    });
  }

  private async pickJob(): Promise<ExportJob | undefined> {
    const jobs = this.deps.store.list();
    const pick = await this.options.ui.showQuickPick(
      jobs.map((job) => ({ label: jobTitle(job, this.names), description: `${job.status} · ${siteName(job.siteId, this.names)}`, detail: job.exportId, job })),
      { placeHolder: 'Export job' },
    );
    return pick?.job;
  }

  /** Work a notification button starts: the same handling as the command it stands for. */
  private guard<T>(id: CommandIdOf<'exportJobs'>, work: () => Promise<T>): Promise<T | undefined> {
    return runCommand(this.options.log, id, work, []);
  }
}

function isFileNode(value: unknown): value is FileNode {
  return typeof value === 'object' && value !== null && (value as { nodeType?: unknown }).nodeType === 'file' && typeof (value as { file?: unknown }).file === 'string';
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Opens a finished export's file without taking focus (a background job must not pull the user out of
 * what they are typing): a preview tab, reused by the next one, with focus left where it was. While the
 * user has an editor open it goes beside it, so that editor stays visible and active.
 */
async function openInBackground(file: string | undefined): Promise<void> {
  if (file === undefined) return;
  const beside = vscode.window.activeTextEditor !== undefined || vscode.window.tabGroups.activeTabGroup.activeTab !== undefined;
  // Through the one opener, so a CSV shows in the table viewer and a PDF in the PDF viewer.
  await openDownloadedFiles([file], { preserveFocus: true, preview: true, ...(beside ? { viewColumn: vscode.ViewColumn.Beside } : {}) });
}

function isJob(value: unknown): value is ExportJob {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' && typeof (value as { kind?: unknown }).kind === 'string';
}

async function allExist(files: readonly string[]): Promise<boolean> {
  for (const file of files) {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.file(file));
    } catch {
      return false;
    }
  }
  return true;
}
