// Issue 5, scenario 4: a flaky network between app and backend (our own
// fault-injecting proxy, faultproxy.mjs) while four phones sync the
// hundreds of entries they recorded offline. The server must end with
// exactly the entries sent, each once, and every phone must say synced.
import { test } from "node:test";
import { join } from "node:path";
import { startFaultProxy } from "./faultproxy.mjs";
import { OUT, check, listHint, converged, deviceSummary, launch, logger, phone, serverCase, shellReady, signIn, startServer, tapAnswers, until, synced, startCase } from "./lib.mjs";

const PER_DEVICE = 100;
const ONLINE_PER_DEVICE = 50;

test(`scenario 4: four phones sync ${4 * (PER_DEVICE + ONLINE_PER_DEVICE)} entries through a flaky network`, async () => {
  const log = logger("scenario-4");
  const server = await startServer();
  const proxy = await startFaultProxy(server.url);
  const browser = await launch();
  const hint = "Vierstraat 14 (scenario 4)";
  try {
    const devices = [];
    for (const username of ["agent.demo", "vt.demo", "agent.demo", "vt.demo"]) {
      const context = await phone(browser);
      const page = await context.newPage();
      await signIn(page, proxy.url, username);
      devices.push({ username, context, page });
    }
    const [first, ...others] = devices;
    await startCase(first.page, hint);
    await synced(first.page, 15_000);
    // The first VT phone joins from the list; the officer's second phone and the
    // VT worker's second phone receive the case by pull, as their accounts take part.
    const [vt1, police2, vt2] = others;
    await vt1.page.getByRole("button", { name: "Aansluiten bij casus" }).click();
    await vt1.page.locator("button.case-row", { hasText: listHint(hint) }).click();
    await vt1.page.getByRole("heading", { level: 1 }).waitFor();
    await synced(vt1.page, 15_000);
    for (const d of [police2, vt2]) {
      await d.page.locator("button.case-row", { hasText: hint }).click({ timeout: 15_000 });
      await d.page.getByRole("heading", { level: 1 }).waitFor();
    }
    for (const d of devices) {
      await synced(d.page, 15_000);
      await shellReady(d.page);
    }
    const before = (await deviceSummary(first.page)).count;
    await until(async () => {
      for (const d of devices) if ((await deviceSummary(d.page)).count !== before) return false;
      return true;
    }, { what: "all four phones hold the case" });

    for (const d of devices) await d.context.setOffline(true);
    for (const [i, d] of devices.entries()) await tapAnswers(d.page, PER_DEVICE, i * 3);
    let total = before;
    for (const d of devices) total += (await deviceSummary(d.page)).count - before;
    log(`offline: ${total - before} entries on ${devices.length} phones`);

    const pages = devices.map((d) => d.page);
    const allSynced = (what) => until(() => converged(pages, total), { timeout: 120_000, every: 100, what });

    // Phase 1: back online through the flaky network with 400 entries waiting.
    proxy.faulty = true;
    const t0 = Date.now();
    for (const d of devices) await d.context.setOffline(false);
    const ms = await allSynced("all phones synced through the flaky network");
    const offlineEntries = total - before;
    const rate = (offlineEntries / (ms / 1000)).toFixed(0);
    log(`phase 1: ${offlineEntries} offline entries converged ${ms} ms after reconnect (${Date.now() - t0} ms wall); ${JSON.stringify(proxy.stats)}`);

    // Phase 2: still flaky, all four phones keep recording at the same time.
    await Promise.all(devices.map((d, i) => tapAnswers(d.page, ONLINE_PER_DEVICE, i * 5 + 1)));
    total += devices.length * ONLINE_PER_DEVICE;
    const ms2 = await allSynced("all phones synced after recording online through the flaky network");
    log(`phase 2: ${devices.length * ONLINE_PER_DEVICE} entries recorded online, converged ${ms2} ms after the last tap`);
    proxy.faulty = false;
    await first.page.screenshot({ path: join(OUT, "s4-after-flaky-sync.png") });

    const texts = new Set();
    for (const d of devices) texts.add((await deviceSummary(d.page)).text);
    check(texts.size === 1, "all four phones show the same summary");
    const s = await serverCase(server.url, hint);
    const lost = Math.max(0, total - s.distinct);
    const duplicated = s.events.length - s.distinct;
    const line = `scenario 4: sent ${total}, stored ${s.events.length}, lost ${lost}, duplicated ${duplicated}; ` +
      `${offlineEntries} offline entries converged ${ms} ms after reconnect (${rate} events/s), ` +
      `${devices.length * ONLINE_PER_DEVICE} online entries ${ms2} ms after the last tap; faults ${JSON.stringify(proxy.stats)}`;
    console.log(line);
    log(line);
    check(lost === 0 && duplicated === 0 && s.events.length === total, line);
    for (const kind of ["dropped", "duplicated", "reset", "delayed"]) check(proxy.stats[kind] > 0, `no request was ${kind}`);
  } finally {
    await browser.close();
    await proxy.stop();
    await server.stop();
  }
});
