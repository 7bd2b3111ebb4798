// Two responders, no network, one truth (issue 5, scenarios 1, 2, 3 and 5):
// the web build served by the real backend, Debian chromium, two phones.
// Each scenario prints one line: events sent / stored / lost / duplicated.
import { test } from "node:test";
import { join } from "node:path";
import { OUT, agreeMeasure, assessment, check, converged, deviceSummary, launch, phone, serverCase, shellReady, signIn, startServer, step, diagnose, listHint, logger, synced, tamperNextPush, tapAnswers, tickChecklist, unlockAndOpen, until, withServerAndBrowser, startCase, openFromList } from "./lib.mjs";

/** Runs a scenario body; on failure, adds what each phone showed to the error. */
async function explained(name, body) {
  const pages = [];
  try {
    await body(pages);
  } catch (e) {
    const seen = pages.length ? await diagnose(pages, name) : "";
    e.message = `${e.message}\n${seen}`;
    throw e;
  }
}

const HUISVERBOD = "Bestuursrechtelijk: Tijdelijk huisverbod (in beginsel 10 dagen)";
const OPVANG = "Vrijwillig kader: Opvang";
const VOORWAARDEN = "Veiligheidsvoorwaarden (gesteld door Veilig Thuis): Veiligheidsvoorwaarden";
const ARREST = "Strafrechtelijk: Aanhouding";

/** Police starts a case online, VT joins it; both end on the case, synced. */
async function twoResponders(browser, server, hint) {
  const policeCtx = await phone(browser);
  const vtCtx = await phone(browser);
  const police = await policeCtx.newPage();
  const vt = await vtCtx.newPage();
  for (const p of [police, vt]) p.on("pageerror", (e) => console.log(`page error: ${e.message}`));
  await signIn(police, server.url, "agent.demo");
  await startCase(police, hint);
  await police.getByRole("heading", { name: /1\. Fysieke veiligheid/ }).waitFor();
  await synced(police, 15_000);
  await signIn(vt, server.url, "vt.demo");
  await vt.getByRole("button", { name: "Aansluiten bij casus" }).click();
  await vt.locator("button.case-row", { hasText: listHint(hint) }).click();
  await vt.getByRole("heading", { name: /1\. Fysieke veiligheid/ }).waitFor();
  for (const p of [police, vt]) {
    await synced(p, 15_000);
    await shellReady(p);
  }
  return { policeCtx, vtCtx, police, vt };
}

/** Waits until both phones hold the same entries (the VT join has reached the police phone too); returns that count. */
async function commonStart(police, vt) {
  await until(async () => (await deviceSummary(police)).count === (await deviceSummary(vt)).count, {
    what: "both phones hold the same entries before the test goes on",
  });
  return (await deviceSummary(police)).count;
}

function report(log, name, { sent, stored, distinct, extra = "" }) {
  const lost = Math.max(0, sent - distinct);
  const duplicated = stored - distinct;
  const line = `${name}: sent ${sent}, stored ${stored}, lost ${lost}, duplicated ${duplicated}${extra}`;
  console.log(line);
  log(line);
  check(lost === 0, `${name}: ${lost} events lost`);
  check(duplicated === 0, `${name}: ${duplicated} events stored twice`);
  check(stored === sent, `${name}: server holds ${stored} events, devices sent ${sent}`);
}

test("scenario 1: both offline, 200 entries each, reload offline, converge on reconnect", async () => {
  const log = logger("scenario-1");
  const hint = "Eenstraat 11 (scenario 1)";
  await withServerAndBrowser(async ({ server, browser }) => {
    await explained("s1", async (pages) => {
    const { policeCtx, vtCtx, police, vt } = await twoResponders(browser, server, hint);
    pages.push(police, vt);
    const before = await commonStart(police, vt);
    log(`online start: ${before} events`);

    await policeCtx.setOffline(true);
    await vtCtx.setOffline(true);
    for (const [p, offset, measures] of [[police, 0, [HUISVERBOD, ARREST]], [vt, 7, [OPVANG, VOORWAARDEN]]]) {
      await tickChecklist(p, 3);
      for (const m of measures) await agreeMeasure(p, m);
      const sofar = (await deviceSummary(p)).count - before;
      await step(p, "Fysieke veiligheid");
      await tapAnswers(p, 200 - sofar, offset);
      await p.getByTestId("sync-badge").getByText("Offline").waitFor();
    }
    const police1 = (await deviceSummary(police)).count;
    const vt1 = (await deviceSummary(vt)).count;
    log(`offline: police holds ${police1}, VT holds ${vt1}`);
    check(police1 - before === 200 && vt1 - before === 200, "each device recorded 200 entries offline");

    // Reload while offline: the app shell comes from the service worker, the entries from the vault.
    for (const p of [police, vt]) {
      await p.reload();
      try {
        await unlockAndOpen(p, hint);
      } catch (e) {
        await p.screenshot({ path: join(OUT, "s1-reload-failed.png") });
        throw new Error(`${e.message}\nscreen: ${await p.locator("body").innerText()}`);
      }
      await p.screenshot({ path: join(OUT, `s1-${p === police ? "police" : "vt"}-offline-after-reload.png`) });
    }
    check((await deviceSummary(police)).count === police1, "police still holds every entry after an offline reload");
    check((await deviceSummary(vt)).count === vt1, "VT still holds every entry after an offline reload");

    const total = police1 + vt1 - before;
    const t0 = Date.now();
    await policeCtx.setOffline(false);
    await vtCtx.setOffline(false);
    const ms = await until(() => converged([police, vt], total), { timeout: 60_000, what: "both devices converged" });
    log(`reconnect → converged in ${ms} ms (${Date.now() - t0} ms wall)`);

    const a = await deviceSummary(police);
    const b = await deviceSummary(vt);
    check(a.text === b.text, `both phones show the same summary:\n--- police\n${a.text}\n--- vt\n${b.text}`);
    const s = await serverCase(server.url, hint);
    check(s.summary.event_count === total, `server summary folds ${s.summary.event_count} events, expected ${total}`);
    check(a.text.includes(`Samenvatting ter plaatse — ${statusLabel(s.summary.status)}`), "device and server agree on the status");
    await police.screenshot({ path: join(OUT, "s1-police-converged.png"), fullPage: true });
    await vt.screenshot({ path: join(OUT, "s1-vt-converged.png"), fullPage: true });
    report(log, "scenario 1", { sent: total, stored: s.events.length, distinct: s.distinct, extra: `; reconnect → converged ${ms} ms (200 offline entries per device)` });
    });
  });
});

function statusLabel(status) {
  return { acute: "acuut onveilig", contained: "acuut onveilig — tijdelijk opgeheven", not_assessed: "nog niet beoordeeld", not_acute: "niet acuut", handed_over: "overgedragen" }[status] ?? status;
}

test("scenario 2: the same value set differently offline shows as a conflict with both names, and resolves", async () => {
  const log = logger("scenario-2");
  const hint = "Tweestraat 12 (scenario 2)";
  await withServerAndBrowser(async ({ server, browser }) => {
    const { policeCtx, vtCtx, police, vt } = await twoResponders(browser, server, hint);
    await agreeMeasure(police, HUISVERBOD);
    await step(vt, "Veiligheidsmaatregelen");
    await vt.locator("article.measure").first().waitFor({ timeout: 15_000 });
    await synced(police, 15_000);

    await policeCtx.setOffline(true);
    await vtCtx.setOffline(true);
    for (const [p, person, phoneNo] of [[police, "Agent A. Voorbeeld", "0800-1111111"], [vt, "B. Testmedewerker", "0800-2222222"]]) {
      const card = p.locator("article.measure").first();
      await step(p, "Veiligheidsmaatregelen");
      await card.getByText("Afspraken wijzigen").click();
      const fs = card.locator("fieldset", { hasText: "Eerste aanspreekpunt" });
      await fs.getByLabel("Naam").fill(person);
      await fs.getByLabel("Telefoon").fill(phoneNo);
      await fs.getByRole("button", { name: "Opslaan" }).click();
    }
    const t0 = Date.now();
    await policeCtx.setOffline(false);
    await vtCtx.setOffline(false);
    for (const p of [police, vt]) {
      const box = p.locator("section.conflicts");
      await box.getByText("0800-1111111").waitFor({ timeout: 15_000 });
      await box.getByText("0800-2222222").waitFor({ timeout: 15_000 });
      for (const name of ["Agent A. Voorbeeld (Politie)", "B. Testmedewerker (Veilig Thuis)"]) {
        check((await box.getByText(name).count()) > 0, `the conflict names ${name}`);
      }
      check((await box.getByText("Eerste aanspreekpunt").count()) > 0, "the conflict says which field");
    }
    log(`both phones show the conflict ${Date.now() - t0} ms after reconnect`);
    await vt.screenshot({ path: join(OUT, "s2-conflict-vt.png"), fullPage: true });

    // VT keeps the police officer's value; both phones converge without a conflict.
    const keep = vt.locator("section.conflicts .conflict-value", { hasText: "0800-1111111" }).getByRole("button");
    await keep.click();
    for (const p of [police, vt]) {
      await p.locator("section.conflicts").waitFor({ state: "detached", timeout: 15_000 });
      // The kept number as the card's call link (the field's history names it too).
      await p.locator("article.measure").first().getByRole("link", { name: "0800-1111111" }).waitFor();
    }
    await police.screenshot({ path: join(OUT, "s2-resolved-police.png"), fullPage: true });
    const a = await deviceSummary(police);
    const b = await deviceSummary(vt);
    await until(async () => (await deviceSummary(police)).count === (await deviceSummary(vt)).count, { what: "equal counts" });
    check(a.text === b.text, "both phones show the same summary after the resolution");
    const s = await serverCase(server.url, hint);
    check(s.summary.conflicts.length === 0, "the server's summary has no conflict left");
    const total = (await deviceSummary(police)).count;
    report(log, "scenario 2", { sent: total, stored: s.events.length, distinct: s.distinct, extra: "; conflict shown on both, resolved on both" });
  });
});

test("scenario 3: the backend stops while both record, restarts on the same database, both recover", async () => {
  const log = logger("scenario-3");
  let server = await startServer();
  const browser = await launch();
  const hint = "Driestraat 13 (scenario 3)";
  try {
    const { police, vt } = await twoResponders(browser, server, hint);
    const before = await commonStart(police, vt);
    const listen = new URL(server.url).host;
    await server.stop();
    log("backend stopped");

    await tapAnswers(police, 25, 0);
    await tapAnswers(vt, 25, 5);
    await agreeMeasure(vt, OPVANG);
    await police.getByTestId("sync-badge").getByText("Offline").waitFor({ timeout: 15_000 });
    // The page reloads with the backend down: the app shell is served by the service worker.
    await vt.reload();
    await unlockAndOpen(vt, hint);
    await vt.screenshot({ path: join(OUT, "s3-vt-backend-down.png") });
    const total = (await deviceSummary(police)).count + (await deviceSummary(vt)).count - before;

    server = await startServer({ dataDir: server.dir, listen });
    log("backend restarted on the same database");
    const t0 = Date.now();
    const ms = await until(() => converged([police, vt], total), { timeout: 45_000, what: "recovery after the restart" });
    log(`restart → converged in ${ms} ms`);
    const a = await deviceSummary(police);
    const b = await deviceSummary(vt);
    check(a.text === b.text, "both phones show the same summary");
    const s = await serverCase(server.url, hint);
    report(log, "scenario 3", { sent: total, stored: s.events.length, distinct: s.distinct, extra: `; restart → converged ${Date.now() - t0} ms` });
  } finally {
    await browser.close();
    await server.stop();
  }
});

test("scenario 5: an event the server refuses is listed as niet verzonden with its reason; the rest syncs", async () => {
  const log = logger("scenario-5");
  const hint = "Vijfstraat 15 (scenario 5)";
  await withServerAndBrowser(async ({ server, browser }) => {
    const context = await phone(browser);
    const page = await context.newPage();
    await signIn(page, server.url, "agent.demo");
    await startCase(page, hint);
    await synced(page, 15_000);

    // Fault injection: in the next push, the firearm answer names a case of another region
    // (as a device with a stale or corrupted case reference would send it).
    const tampered = await tamperNextPush(
      page,
      (e) => e.kind.type === "assigned" && e.kind.assignment.criterion === "firearm",
      (victim) => { victim.case_id = server.otherRegionCase; },
    );
    await assessment(page);
    await page.getByRole("radio", { name: "Vuurwapen: Ja" }).click();
    await page.getByRole("radio", { name: "Letsel of verwurging: Nee" }).click();
    await page.getByRole("radio", { name: "Seksueel misbruik: Nee" }).click();
    const list = page.getByTestId("not-sent");
    await list.waitFor({ timeout: 15_000 });
    const text = await list.innerText();
    log(`niet verzonden: ${text.replace(/\n/g, " | ")}`);
    check(text.includes("Vuurwapen: ja"), `the list says what was not sent: ${text}`);
    // Another region's case answers exactly like an unknown one (issue 13 §5: no existence oracle).
    check(text.includes("Reden: de casus is onbekend bij de server"), `the list gives the reason in words: ${text}`);
    // Never under a green "Gesynchroniseerd" (UX review, stop 36): the badge says it in the refusal's colour.
    await page.getByTestId("sync-badge").getByText("1 niet verzonden", { exact: true }).waitFor({ timeout: 15_000 });
    check((await page.getByTestId("sync-badge").getAttribute("class")).includes("refused"), "the badge has the refusal's colour");
    await page.screenshot({ path: join(OUT, "s5-niet-verzonden.png"), fullPage: true });
    await page.getByRole("button", { name: "← Terug" }).click();
    check((await page.getByTestId("not-sent").innerText()).includes("Vuurwapen: ja"), "the cases screen lists it too");

    const s = await serverCase(server.url, hint);
    const sent = (await deviceSummary(await openCase(page, hint))).count;
    check(tampered() && !s.events.some((e) => e.id === tampered()), "the refused event is not stored");
    check(s.events.some((e) => e.kind.assignment?.criterion === "injury_or_strangulation"), "the entries after it were stored");
    report(log, "scenario 5", { sent: sent - 1, stored: s.events.length, distinct: s.distinct, extra: "; 1 refused, listed with its reason" });
  });
});

const openCase = openFromList;
