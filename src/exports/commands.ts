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
import type { ExportJob } from './jobs/job';
import { kindLabel } from './jobs/job';
import { DownloadLinks } from './jobs/links';
import type { KeyValueStore } from './jobs/store';
import { JobStore } from './jobs/store';
import { ExportPoller } from './poller';
import type { ExportEngineDeps } from './queue';
import { ExportQueue } from './queue';
import { ExportStatusBar } from './status-bar';
import { EXPORT_JOBS_VIEW, ExportJobsTreeProvider } from './tree/provider';
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
  const deps: ExportEngineDeps = {
    store,
    links: new DownloadLinks(),
    apiFor: options.apiFor,
    pathFor: catalogPath,
    clock,
    log: options.log,
    // Read on every use, so a settings change applies at the next tick without a restart.
    settings: () => {
      const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
      return { maxConcurrent: config.get<number>('maxConcurrent'), pollIntervalSeconds: config.get<number>('pollIntervalSeconds') };
    },
  };
  const queue = new ExportQueue(deps);
  const poller = new ExportPoller(deps, queue);
  const tree = new ExportJobsTreeProvider(store, clock, EXPORT_JOB_COMMANDS.openFile);
  const actions = new JobActions(deps, queue, options);
  const disposables = DisposableStore.of(
    vscode.window.createTreeView(EXPORT_JOBS_VIEW, { treeDataProvider: tree, showCollapseAll: false }),
    tree,
    new ExportStatusBar(store, clock),
    ...actions.register(),
    poller.onDidFinish((job) => void actions.finished(job)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTINGS_SECTION)) poller.poke();
    }),
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

  constructor(private readonly deps: ExportEngineDeps, private readonly queue: ExportQueue, private readonly options: ExportJobsOptions) {}

  register(): vscode.Disposable[] {
    const c = EXPORT_JOB_COMMANDS;
    return [
      this.command(c.openFile, async (job) => this.open(job)),
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
        // Forgets the job only; downloaded files stay where they are.
        if (job.status === 'running') throw new Error('A running export stays in the list until it ends.');
        if (job.status === 'queued') await this.queue.cancel(job.id);
        this.deps.links.delete(job.id);
        await this.deps.store.remove(job.id);
      }),
      this.command(c.cancel, async (job) => {
        if (!(await this.queue.cancel(job.id))) void vscode.window.showInformationMessage('Only a job still waiting in the queue can be cancelled; a started export runs to its end.');
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

  /** A completion or failure, from the poller. */
  async finished(job: ExportJob): Promise<void> {
    const name = kindLabel(job.kind);
    if (job.status === 'failed') {
      const again = 'Run Again';
      const pick = await vscode.window.showErrorMessage(`The ${name} export on ${job.siteId} failed: ${job.error ?? 'no reason given'}`, again);
      if (pick === again) await this.guard(EXPORT_JOB_COMMANDS.runAgain, () => this.queue.enqueue({ siteId: job.siteId, kind: job.kind, params: job.params }));
      return;
    }
    const settings = fileSettings();
    if (!settings.autoDownload) {
      await this.offer(job, undefined);
      return;
    }
    const result = await this.guard(EXPORT_JOB_COMMANDS.download, () => this.download(job));
    if (!result) return;
    // Open first: the notification below waits for a click, and the user already asked for the files.
    if (settings.openAfterDownload) await this.guard(EXPORT_JOB_COMMANDS.openFile, () => openDownloadedFiles(filesOf(result)));
    await this.offer(job, result);
  }

  /** "Export ready" with Open and Reveal; either downloads first when the file isn't here yet. */
  private async offer(job: ExportJob, result: DownloadResult | undefined): Promise<void> {
    const open = 'Open';
    const reveal = 'Reveal';
    const where = result ? ` (${result.extracted.length > 0 ? `${result.extracted.length} files` : 'saved'})` : '';
    const pick = await vscode.window.showInformationMessage(`The ${kindLabel(job.kind)} export on ${job.siteId} is ready${where}.`, open, reveal);
    const current = this.deps.store.get(job.id);
    if (!current) return;
    if (pick === open) await this.guard(EXPORT_JOB_COMMANDS.openFile, () => this.open(current));
    if (pick === reveal) await this.guard(EXPORT_JOB_COMMANDS.revealFile, () => this.reveal(current));
  }

  private async open(job: ExportJob): Promise<void> {
    const files = job.localFile ? filesOf({ file: job.localFile, extracted: job.extractedFiles ?? [] }) : undefined;
    if (files && (await allExist(files))) {
      await openDownloadedFiles(files);
      return;
    }
    const result = await this.download(job);
    if (result) await openDownloadedFiles(filesOf(result));
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
    const task = withDownloadProgress(`Downloading the ${kindLabel(job.kind)} export`, (signal, onProgress) =>
      downloadExport(this.deps, { jobId: job.id, folder, extract: true, signal, onProgress }),
    ).finally(() => this.downloading.delete(job.id));
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
      jobs.map((job) => ({ label: kindLabel(job.kind), description: `${job.status} · ${job.siteId}`, detail: job.exportId, job })),
      { placeHolder: 'Export job' },
    );
    return pick?.job;
  }

  /** Work a notification button starts: the same handling as the command it stands for. */
  private guard<T>(id: CommandIdOf<'exportJobs'>, work: () => Promise<T>): Promise<T | undefined> {
    return runCommand(this.options.log, id, work, []);
  }
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
