import { startSandbox } from '/work/main/test/sandbox/index';
import { palette, startWorkbench } from '/work/main/test/ui/harness';
async function main() {
  const sb = await startSandbox({ port: 0, exportSeconds: 2 });
  const wb = await startWorkbench({ sandbox: { url: sb.url, apiKey: sb.apiKey } });
  const { page } = wb;
  try {
    await palette(page, process.argv[2] ?? 'Chargebee: New Export...');
    for (let i = 0; i < 6; i++) { await new Promise(r => setTimeout(r, 1000)); await wb.screenshot(`dbg-${i}`); }
    console.log(await page.locator('.notifications-toasts').innerText().catch(()=>'')); 
  } finally { await wb.close(); await sb.close(); }
}
main().catch(e => { console.error(e); process.exit(1); });
