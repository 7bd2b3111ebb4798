// Shared helpers for the browser tests: start the real backend serving the
// web build, launch Debian's chromium, phone-sized contexts.
import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomUUID } from "node:crypto";
import { chromium } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "../..");
export const OUT = join(ROOT, "tests/e2e/out");
export const PASSWORD = "samenop-demo";
mkdirSync(OUT, { recursive: true });

/** Starts `samenop-server serve --demo` on a free loopback port; resolves with its URL. */
export async function startServer({ dataDir, args = [], listen = "127.0.0.1:0" } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "samenop-e2e-"));
  const bin = process.env.SAMENOP_SERVER_BIN ?? join(ROOT, "target/release/samenop-server");
  const child = spawn(bin, ["serve", "--demo", "--listen", listen, "--data-dir", dir, "--web-dir", join(ROOT, "target/web"), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, RUST_LOG: "warn" },
  });
  let seen = "";
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${seen}`)), 30_000);
    const look = (chunk) => {
      seen += chunk;
      const m = seen.match(/URL:\s+(http:\/\/127\.0\.0\.1:\d+)/);
      if (m && /other region's case/.test(seen)) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout.on("data", look);
    child.stderr.on("data", look);
    child.on("exit", (code) => { clearTimeout(timer); fail(new Error(`server exited ${code}:\n${seen}`)); });
  });
  const otherRegionCase = seen.match(/other region's case:\s+(\S+)/)?.[1];
  return { url, dir, child, otherRegionCase, stop: () => new Promise((ok) => { child.once("exit", ok); child.kill("SIGTERM"); }) };
}

export async function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** Content-Security-Policy violations the browser reported in any page of a test context. */
export const cspViolations = [];

/** Records the context's CSP violations (chromium logs each as a console error). */
function watchCsp(context) {
  context.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return context;
}

/** Starts a backend (`startServer(options)`) and a browser, runs `body({ server, browser })`, and always closes both.
 *  Fails when the page broke the server's CSP (no inline script or style, no eval). */
export async function withServerAndBrowser(body, options) {
  const server = await startServer(options);
  const browser = await launch();
  try {
    const result = await body({ server, browser });
    check(cspViolations.length === 0, `CSP violations: ${cspViolations.join(" | ")}`);
    return result;
  } finally {
    await browser.close();
    await server.stop();
  }
}

export async function tablet(browser) {
  return watchCsp(await browser.newContext({ viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true, locale: "nl-NL", acceptDownloads: true }));
}

export async function phone(browser) {
  return watchCsp(await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "nl-NL" }));
}

/** Signs in as `username` with the password and stops at the PIN field (set-up or unlock). The PIN
 *  field's label is matched exactly: a screen-lock choice beside it also names the PIN. */
export async function signInOnly(page, url, username) {
  await page.goto(url);
  await page.getByLabel("Gebruikersnaam").fill(username);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.getByLabel("Pincode", { exact: true }).waitFor();
}

/** Types `pin` and presses Enter; resolves with the ms until `done` shows. */
export async function enterPin(page, pin, done) {
  const field = page.getByLabel("Pincode", { exact: true });
  await field.fill(pin);
  const start = Date.now();
  await field.press("Enter");
  await done.waitFor();
  return Date.now() - start;
}

/** Signs in as `username` and sets a PIN; ends on "Mijn casussen". */
// The join list shows the street only, not the number or what follows
// (issue 13: what is needed to recognise the scene); as core's
// membership::list_address_hint.
export function listHint(hint) {
  return hint.split(/[0-9,]/)[0].trim();
}

export async function signIn(page, url, username, pin = "248613", landing = "Mijn casussen") {
  await signInOnly(page, url, username);
  await page.getByLabel("Pincode", { exact: true }).fill(pin);
  await page.getByRole("button", { name: "Pincode opslaan" }).click();
  await page.getByText(landing).first().waitFor();
}

/** A new phone-sized page, signed in as `username`. */
export async function signedInPhone(browser, url, username) {
  const page = await (await phone(browser)).newPage();
  await signIn(page, url, username);
  return page;
}

/** Opens a new case from the case list on `page`, with address hint `hint`. */
export async function startCase(page, hint) {
  await page.getByLabel(/^Vindplaats/).fill(hint);
  await page.getByRole("button", { name: "Start casus" }).click();
}

export function check(cond, message) {
  if (!cond) throw new Error(message);
}

/** Milliseconds from a click on the element matching `selector` (and text) until `done()` holds in the page, painted. */
export async function timeInPage(page, selector, text, doneSource) {
  return page.evaluate(async ([selector, text, doneSource]) => {
    const done = new Function(`return (${doneSource})`);
    const target = [...document.querySelectorAll(selector)].find((el) => el.textContent.includes(text));
    if (!target) throw new Error(`nothing matches ${selector} with "${text}"`);
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    const t0 = performance.now();
    target.click();
    while (!done()) await frame();
    await frame();
    return performance.now() - t0;
  }, [selector, text, doneSource]);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Rewrites, in transit, the first event of a later push that `pick` selects, with `tamper`
 * (as a modified or broken client would send it); once. Returns a function that gives the
 * rewritten event's id, or null while none was.
 */
export async function tamperNextPush(page, pick, tamper) {
  let id = null;
  await page.route("**/api/v1/events", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || id) return route.continue();
    const body = request.postDataJSON();
    const victim = body.events.find(pick);
    if (!victim) return route.continue();
    tamper(victim);
    id = victim.id;
    return route.continue({ postData: JSON.stringify(body) });
  });
  return () => id;
}

/** One JSON API call; throws with the status and body on failure. */
export async function api(url, path, { token, method = "GET", body } = {}) {
  const headers = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function apiToken(url, username) {
  return (await api(url, "/api/v1/sessions", { method: "POST", body: { username, password: PASSWORD } })).token;
}

/** What the server holds for the case opened with address hint `hint`: the shift lead finds it by
 *  search, opens it (a lead's pull carries only the cases they opened) and pulls it. */
export async function serverCase(url, hint) {
  const token = await apiToken(url, "lead.demo");
  const found = await api(url, `/api/v1/cases?search=${encodeURIComponent(hint)}`, { token });
  const item = found.find((c) => c.address_hint === hint);
  if (!item) throw new Error(`the server has no case "${hint}"`);
  await api(url, `/api/v1/cases/${item.case_id}/open`, { token, method: "POST" });
  const all = [];
  let since;
  for (;;) {
    const q = since ? `?since=${encodeURIComponent(since)}` : "";
    const page = await api(url, `/api/v1/events${q}`, { token });
    all.push(...page.events);
    since = page.next_cursor;
    if (!page.more) break;
  }
  const events = all.filter((e) => e.case_id === item.case_id);
  const summary = await api(url, `/api/v1/cases/${item.case_id}/summary`, { token });
  return { caseId: item.case_id, events, distinct: new Set(events.map((e) => e.id)).size, summary };
}

/** Waits until the service worker controls the page, so it opens without a network. */
export async function shellReady(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
}

/** Unlocks after a reload and opens the case with `hint`. */
export async function unlockAndOpen(page, hint, pin = "248613") {
  await page.getByLabel("Pincode").fill(pin);
  await page.getByRole("button", { name: "Ontgrendel", exact: true }).click();
  await openFromList(page, hint);
}

/** Opens the case with `hint` from "Mijn casussen". Unlocking returns to
 * the case and step last on screen (issue 17 §1): from there, back to the
 * list first. */
export async function openFromList(page, hint) {
  const row = page.locator("button.case-row", { hasText: hint });
  const back = page.getByRole("button", { name: "← Terug" });
  await row.or(back).first().waitFor();
  // A busy phone (hundreds of entries folding after an unlock) can still be
  // settling on the case it returned to: tap back until the list shows.
  await until(async () => {
    if ((await row.count()) > 0) return true;
    if ((await back.count()) > 0) await back.first().click({ timeout: 5_000 }).catch(() => {});
    return (await row.count()) > 0;
  }, { timeout: 30_000, every: 500, what: `the case list with '${hint}'` });
  await row.click();
  await page.getByRole("heading", { level: 1 }).waitFor();
  return page;
}

/** Opens a step from the step bar. */
export async function step(page, name) {
  if ((await page.getByTestId("summary").count()) > 0) {
    await page.getByRole("button", { name: "← Terug" }).click();
  }
  await page.locator("nav.steps button", { hasText: name }).first().click();
  await page.getByRole("heading", { level: 1, name: new RegExp(name) }).waitFor();
}

/** Opens step 2's eerste veiligheidsbeoordeling (the Bijlage II triage, 004 l.27). */
export async function assessment(page) {
  await step(page, "Motorkapoverleg");
  await page.getByTestId("step2-assessment").click();
  await page.getByRole("heading", { level: 1, name: /Eerste veiligheidsbeoordeling/ }).waitFor();
}

/** Records `n` triage answers by tapping the answer buttons in turn; each tap is one event. */
export async function tapAnswers(page, n, offset = 0) {
  await assessment(page);
  const radios = page.locator("fieldset [role=radio]");
  const count = await radios.count();
  for (let i = 0; i < n; i++) await radios.nth((i + offset) % count).click();
}

/** Ticks checklist items of step 1. */
export async function tickChecklist(page, n) {
  await step(page, "Fysieke veiligheid");
  const items = page.locator("main [role=checkbox], main input[type=checkbox]");
  const count = await items.count();
  for (let i = 0; i < Math.min(n, count); i++) await items.nth(i).click();
}

/** Agrees a measure from the catalogue (option label as shown). */
export async function agreeMeasure(page, optionLabel) {
  await step(page, "Veiligheidsmaatregelen");
  await page.getByRole("combobox", { name: /^Maatregel/ }).selectOption({ label: optionLabel });
  await page.getByRole("button", { name: "Afspreken" }).click();
}

/**
 * Step 4's "Afspraken voor de hele casus": agrees the eerste aanspreekpunt voor het totaal aan
 * veiligheidsmaatregelen (004 l.302), which "Niet meer acuut" waits for.
 */
export async function agreeCaseFirstContact(page, { party = "Veilig Thuis", name = "B. Testmedewerker", phone = "0800-0000002" } = {}) {
  await step(page, "Veiligheidsmaatregelen");
  const card = page.getByTestId("case-agreement");
  await card.getByRole("combobox", { name: /^Welke partij/ }).selectOption({ label: party });
  await card.getByLabel("Naam", { exact: true }).fill(name);
  await card.getByLabel("Telefoon", { exact: true }).fill(phone);
  await card.getByRole("button", { name: "Aanspreekpunt vastleggen" }).click();
  await card.getByText(`${name} (${party})`).waitFor();
  return card;
}

/** The summary screen's text and the number of entries this device holds for the case. */
export async function deviceSummary(page) {
  if ((await page.getByTestId("summary").count()) === 0) {
    await page.locator("nav.steps button", { hasText: "Samenvatting" }).click();
  }
  const text = await page.getByTestId("summary").innerText();
  const count = parseInt(await page.getByTestId("event-count").innerText(), 10);
  return { text, count };
}

/** Polls until `cond()` is true; returns the milliseconds it took. */
export async function until(cond, { timeout = 30_000, every = 25, what = "condition" } = {}) {
  const t0 = Date.now();
  for (;;) {
    if (await cond()) return Date.now() - t0;
    if (Date.now() - t0 > timeout) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, every));
  }
}

export async function badge(page) {
  return page.getByTestId("sync-badge").innerText();
}

/** The badge says synced with nothing waiting (not just "Gesynchroniseerd · 1 wachtend"). */
export async function isSynced(page) {
  return (await badge(page)).trim() === "Gesynchroniseerd";
}

/** Waits until the badge says synced with nothing waiting. */
export async function synced(page, timeout = 15_000) {
  await until(() => isSynced(page), { timeout, what: "synced with nothing waiting" });
}

/** Every phone synced and holding `total` entries of the case (read on the summary screen). */
export async function converged(pages, total) {
  for (const p of pages) {
    if (!(await isSynced(p))) return false;
    if ((await deviceSummary(p)).count !== total) return false;
  }
  return true;
}

/** A time-stamped log in tests/e2e/out/<name>.log, emptied first. */
export function logger(name) {
  const file = join(OUT, `${name}.log`);
  writeFileSync(file, "");
  return (line) => appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
}

/** On failure: what each phone shows (badge, heading, first lines), and a screenshot of each. */
export async function diagnose(pages, name) {
  const lines = [];
  for (const [i, p] of pages.entries()) {
    try {
      const badgeText = (await p.getByTestId("sync-badge").count()) ? await badge(p) : "(no badge)";
      const body = (await p.locator("body").innerText()).split("\n").slice(0, 12).join(" | ");
      lines.push(`phone ${i}: badge "${badgeText}"; screen: ${body}`);
      await p.screenshot({ path: join(OUT, `${name}-failed-phone-${i}.png`), fullPage: true });
    } catch (e) {
      lines.push(`phone ${i}: ${e.message}`);
    }
  }
  return lines.join("\n");
}

/** Brings an opened police case to the point where "Niet meer acuut" can be
 * declared: no children, every assessment question "nee", the case's eerste aanspreekpunt,
 * the assessment confirmed by phone with VT, the exit conditions, the
 * VT-melding (a handover blocker, 002 l.263) and VT taking over. Answers the
 * enabled "Niet meer acuut" button. */
export async function readyToDeclare(page) {
  // "Kinderen aanwezig?" answered (004 l.199; step 5 waits for it since schema 5).
  await step(page, "Fysieke veiligheid");
  await page.getByRole("radio", { name: "Kinderen aanwezig?: Nee" }).click();
  await assessment(page);
  const no = page.getByRole("radio", { name: /: Nee$/ });
  const n = await no.count();
  for (let i = 0; i < n; i++) await no.nth(i).click();
  await agreeCaseFirstContact(page, { party: "Politie", name: "Agent T. Proef", phone: "0800-0000001" });
  await step(page, "Niet meer acuut");
  await page.getByLabel("Naam medewerker Veilig Thuis").fill("J. Proef");
  // Tab from the name to its button, as a keyboard user would.
  await page.getByLabel("Naam medewerker Veilig Thuis").press("Tab");
  await page.keyboard.press("Enter");
  await page.getByText("Nog niet bevestigd door Veilig Thuis").waitFor({ state: "detached" });
  for (const label of ["Onderzoek is uitgevoerd", "Betrokkenen zijn fysiek veilig", "VT-melding gedaan"]) {
    await page.getByRole("checkbox", { name: label }).check();
  }
  await page.locator("fieldset").filter({ hasText: "Overdracht aan" }).getByRole("checkbox", { name: "Veilig Thuis" }).check();
  const declare = page.getByRole("button", { name: "Niet meer acuut", exact: true });
  await until(async () => !(await declare.isDisabled()), { what: "'Niet meer acuut' can be declared" });
  return declare;
}

/** agent.demo's opening of a new case in Testregio from device `device_id`, as the app would push it
 *  (for tests that let a colleague act over the API). */
export function agentOpening(device_id, { hint, reportedAt = Date.now(), counter = 0 }) {
  return {
    schema: 3,
    id: uuidv7(),
    case_id: uuidv7(),
    author: { user_id: "agent.demo", display_name: "Agent A. Voorbeeld", organisation: "police", role: "police" },
    device_id,
    stamp: { wall_ms: Date.now(), counter },
    kind: {
      type: "case_opened",
      reported_at: new Date(reportedAt).toISOString(),
      source: "police_report",
      address_hint: hint,
      region: "Testregio",
    },
  };
}

/** A UUIDv7 (time-ordered), as event and case ids are. */
export function uuidv7() {
  const hex = Date.now().toString(16).padStart(12, "0");
  const rest = randomUUID().replace(/-/g, "").slice(12);
  const v = `${hex}7${rest.slice(1, 4)}${((parseInt(rest[4], 16) & 0x3) | 0x8).toString(16)}${rest.slice(5, 20)}`;
  return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20, 32)}`;
}

/** The shift lead's filter chip `name` and the count it shows. */
export const chip = (page, name) => page.locator(`[data-testid=chip-${name}]`);
export const chipCount = async (page, name) => Number((await chip(page, name).locator(".chip-count").innerText()).trim());
