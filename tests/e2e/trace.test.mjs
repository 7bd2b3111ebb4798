// Issue 17 §2 and §3 at 390×844: repeated and destructive taps are safe, and changes by
// others leave a trace. A double tap on "Afspreken" records one measure (on the phone and on
// the server); a measure withdrawn as "foutief vastgelegd" shows struck through with who/when
// and no longer counts; "Niet meer acuut" asks once; a changed answer of another organisation
// shows on the first phone (who, from → to) after sync; a field's history opens on tap.
// Screenshots in tests/e2e/out/8x-*.png.
import { test } from "node:test";
import { join } from "node:path";
import {
  OUT, check, readyToDeclare, deviceSummary, diagnose, listHint, phone, serverCase, shellReady,
  signIn, signedInPhone, startCase, step, synced, until, withServerAndBrowser,
} from "./lib.mjs";

const HUISVERBOD = "Bestuursrechtelijk: Tijdelijk huisverbod (in beginsel 10 dagen)";

async function explained(pages, name, body) {
  try {
    await body();
  } catch (e) {
    e.message = `${e.message}\n${await diagnose(pages, name)}`;
    throw e;
  }
}

test("a double tap on Afspreken records one measure; foutief vastgelegd is struck through and counts nowhere", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const HINT = "Teststraat 81 (dubbel)";
    const page = await signedInPhone(browser, server.url, "agent.demo");
    await explained([page], "80-trace-measure", async () => {
      await startCase(page, HINT);
      await page.getByTestId("case-status").waitFor();
      await step(page, "Veiligheidsmaatregelen");
      await page.getByRole("combobox", { name: /^Maatregel/ }).selectOption({ label: HUISVERBOD });
      // Two taps as fast as a thumb at the door: both dispatched before the screen renders again.
      await page.evaluate(() => {
        const b = document.querySelector("[data-testid=agree-measure]");
        b.click();
        b.click();
      });
      // And a real double tap for good measure.
      await page.getByTestId("agree-measure").dblclick({ force: true });
      await page.locator("article.measure").first().waitFor();
      check(await page.getByTestId("agree-measure").isDisabled(), "the button is busy/done after recording");
      check((await page.locator("article.measure").count()) === 1, "one measure on the phone");
      await page.screenshot({ path: join(OUT, "80-double-tap-one-measure.png"), fullPage: true });
      await synced(page);
      const s = await serverCase(server.url, HINT);
      const agreed = s.events.filter((e) => e.kind.type === "measure_agreed");
      check(agreed.length === 1, `one measure_agreed on the server, found ${agreed.length}`);

      // Withdraw it as "foutief vastgelegd": asks once, then struck through with who and when.
      const card = page.locator("article.measure").first();
      await card.getByText("Afspraken wijzigen").click();
      await card.getByRole("button", { name: "Foutief vastgelegd" }).click();
      const confirm = card.getByTestId("confirm");
      await confirm.getByText(/Weet je het zeker\? De maatregel telt dan nergens meer mee/).waitFor();
      await confirm.screenshot({ path: join(OUT, "81-confirm-recorded-in-error.png") });
      await confirm.getByTestId("confirm-yes").click();
      await page.locator("article.measure.recorded-in-error").waitFor();
      const by = await page.getByTestId("recorded-in-error").innerText();
      check(/Ingetrokken: foutief vastgelegd door .+ \(Politie\), \d\d-\d\d-\d{4} \d\d:\d\d/.test(by), `who and when: ${by}`);
      const decoration = await page.locator("article.measure.recorded-in-error h3").evaluate((el) => getComputedStyle(el).textDecorationLine);
      check(decoration.includes("line-through"), `struck through: ${decoration}`);
      await page.screenshot({ path: join(OUT, "82-measure-recorded-in-error.png"), fullPage: true });
      await page.locator("article.measure").first().screenshot({ path: join(OUT, "82-measure-card-recorded-in-error.png") });
      // No longer counts: the summary has no measure, the server holds the withdrawal as an event.
      const { text } = await deviceSummary(page);
      check(!text.includes("Tijdelijk huisverbod"), `the summary no longer lists it:\n${text}`);
      await step(page, "Veiligheidsmaatregelen");
      await synced(page);
      const after = await serverCase(server.url, HINT);
      check(after.events.some((e) => e.kind.assignment?.change?.status === "recorded_in_error"), "the withdrawal is an event on the server");
      check(after.events.filter((e) => e.kind.type === "measure_agreed").length === 1, "the measure itself is not deleted");
    });
  });
});

test("'Niet meer acuut' asks once before it is declared", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const HINT = "Teststraat 83 (bevestigen)";
    const page = await signedInPhone(browser, server.url, "agent.demo");
    await explained([page], "83-trace-declare", async () => {
      await startCase(page, HINT);
      await page.getByTestId("case-status").waitFor();
      const declare = await readyToDeclare(page);
      await declare.click();
      const confirm = page.getByTestId("confirm");
      await confirm.getByText(/Weet je het zeker\? Politie en Veilig Thuis ronden dan het werk ter plaatse af\. De zaak is daarmee niet afgerond/).waitFor();
      await confirm.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(OUT, "83-confirm-not-acute.png") });
      // "Annuleren" declares nothing.
      await confirm.getByTestId("confirm-no").click();
      await declare.waitFor();
      await synced(page);
      let s = await serverCase(server.url, HINT);
      const declared = (ev) => ev.some((e) => e.kind.assignment?.item?.item === "declared" && e.kind.assignment.item.not_acute);
      check(!declared(s.events), "cancelled: nothing declared");
      // Asked once: yes declares it.
      await declare.click();
      await page.getByTestId("confirm-yes").click();
      await until(async () => declared((await serverCase(server.url, HINT)).events), { what: "the declaration on the server" });
    });
  });
});

test("a changed answer of another organisation shows on both phones with who, from → to; history opens on tap", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const HINT = "Teststraat 85 (kinderen)";
    const police = await (await phone(browser)).newPage();
    const vtCtx = await phone(browser);
    const vt = await vtCtx.newPage();
    await explained([police, vt], "85-trace-change", async () => {
      await signIn(police, server.url, "agent.demo");
      await startCase(police, HINT);
      await police.getByRole("heading", { name: /1\. Fysieke veiligheid/ }).waitFor();
      await police.getByRole("radio", { name: "Kinderen aanwezig?: Nee" }).click();
      await synced(police);
      await signIn(vt, server.url, "vt.demo");
      await vt.getByRole("button", { name: "Aansluiten bij casus" }).click();
      await vt.locator("button.case-row", { hasText: listHint(HINT) }).click();
      await vt.getByRole("heading", { name: /1\. Fysieke veiligheid/ }).waitFor();
      await synced(vt);
      await shellReady(vt);
      await until(async () => (await vt.getByRole("radio", { name: "Kinderen aanwezig?: Nee" }).getAttribute("aria-checked")) === "true",
        { what: "VT sees the police answer" });
      // VT, offline, changes the police answer (to "ja": another organisation's "ja" about children
      // is not replaced by a "nee" but stands beside it as a conflict, core's membership tests).
      await vtCtx.setOffline(true);
      await vt.getByRole("radio", { name: "Kinderen aanwezig?: Ja" }).click();
      await vtCtx.setOffline(false);
      await synced(vt, 30_000);
      // The police phone, after sync: who, from → to, when; no quiet replacement.
      const marker = police.getByTestId("changed-by-other").first();
      await marker.waitFor({ timeout: 30_000 });
      const text = await marker.innerText();
      check(/Gewijzigd door .+ \(Veilig Thuis\): nee → ja, \d\d-\d\d-\d{4} \d\d:\d\d/i.test(text), `police phone marker: ${text}`);
      await police.getByTestId("changes-by-others").waitFor();
      const vtText = await vt.getByTestId("changed-by-other").first().innerText();
      check(/\(Veilig Thuis\): nee → ja/i.test(vtText), `VT phone marker: ${vtText}`);
      // The field's history opens on tap.
      // Every answer has its history now: this one's is under its own question.
      const history = police.locator("fieldset", { hasText: "Kinderen aanwezig?" }).getByTestId("field-history");
      check(!(await history.evaluate((d) => d.open)), "history closed at first");
      await history.locator("summary").click();
      check(await history.evaluate((d) => d.open), "history open after a tap");
      const lines = await history.locator("li").allInnerTexts();
      check(lines.length === 2 && /Veilig Thuis\): [Jj]a/.test(lines[0]) && /Politie\): [Nn]ee/.test(lines[1]), `history: ${lines.join(" | ")}`);
      await police.screenshot({ path: join(OUT, "85-changed-by-other-police.png"), fullPage: true });
      await police.locator(".field-trace").first().screenshot({ path: join(OUT, "85-field-history-open.png") });
      await vt.screenshot({ path: join(OUT, "86-changed-by-other-vt.png"), fullPage: true });
    });
  });
});

/** A `datetime-local` value in Amsterdam time, as the app's moment fields show it. */
function amsterdamInput(ms) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date(ms));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

// Regression (issue 17 §3): a moment field kept what it first showed as a draft, so after the
// other phone changed the date it still showed the old one, and "Opslaan" wrote that back.
test("a measure date changed on the other phone replaces the untouched field there; typed text stays", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const HINT = "Teststraat 87 (datum)";
    const DAY = 24 * 3600_000;
    const [a, b, c, d] = [5, 6, 3, 7].map((days) => amsterdamInput(Date.now() + days * DAY + 3600_000));
    const police = await (await phone(browser)).newPage();
    const vt = await (await phone(browser)).newPage();
    await explained([police, vt], "87-trace-moment", async () => {
      await signIn(police, server.url, "agent.demo");
      await startCase(police, HINT);
      await step(police, "Veiligheidsmaatregelen");
      await police.getByRole("combobox", { name: /^Maatregel/ }).selectOption({ label: HUISVERBOD });
      await police.getByTestId("agree-measure").click();
      const card = police.locator("article.measure").first();
      await card.waitFor();
      await card.locator("summary").first().click();
      const setUntil = async (value) => {
        const until = card.getByTestId("moment-Until");
        await until.locator("input").fill(value);
        await until.getByRole("button", { name: "Opslaan" }).click();
        await synced(police);
      };
      await setUntil(a);

      await signIn(vt, server.url, "vt.demo");
      await vt.getByRole("button", { name: "Aansluiten bij casus" }).click();
      await vt.locator("button.case-row", { hasText: listHint(HINT) }).click();
      await vt.getByRole("heading", { level: 1 }).waitFor();
      await step(vt, "Veiligheidsmaatregelen");
      const vtCard = vt.locator("article.measure").first();
      await vtCard.waitFor();
      await vtCard.locator("summary").first().click();
      const vtUntil = vtCard.getByTestId("moment-Until").locator("input");
      await until(async () => (await vtUntil.inputValue()) === a, { what: `VT's 'tot' shows ${a}` });

      // Untouched on the VT phone: it follows the police change.
      await setUntil(b);
      await until(async () => (await vtUntil.inputValue()) === b, { timeout: 30_000, what: `VT's untouched 'tot' follows to ${b}` });

      // Typed (not saved) on the VT phone: a later police change does not overwrite it.
      await vtUntil.fill(c);
      const history = vtCard.getByTestId("moment-Until").locator("[data-testid=field-history] li");
      const seen = await history.count();
      await setUntil(d);
      await until(async () => (await history.count()) > seen, { timeout: 30_000, what: "the police's next 'tot' reached the VT phone" });
      check((await vtUntil.inputValue()) === c, `VT's typed 'tot' was replaced: ${await vtUntil.inputValue()}`);
      await vtCard.screenshot({ path: join(OUT, "87-moment-typed-stays.png") });
    });
  });
});
