// Issue 17 §7: the shift lead's list answers "what needs me this shift?" on
// the demo data: filter chips with counts (combinable), what is due within the
// shift (the OvJ's 9 hours after the arrest at Bedachtstraat 4), children
// without kindcheck, and "gewijzigd sinds mijn bezoek" after a field user
// records something. Screenshots at 1280×800 and 390×844.
import { test } from "node:test";
import { join } from "node:path";
import { OUT, api, apiToken, check, chip, chipCount, phone, signIn, until, uuidv7, withServerAndBrowser } from "./lib.mjs";

/** agent.demo records the police's kindcheck on `caseId` from their own device (over the API). */
async function fieldUserRecordsKindcheck(url, caseId) {
  const token = await apiToken(url, "agent.demo");
  const device_id = uuidv7();
  const event = {
    schema: 3,
    id: uuidv7(),
    case_id: caseId,
    author: { user_id: "agent.demo", display_name: "Agent A. Voorbeeld", organisation: "police", role: "police" },
    device_id,
    stamp: { wall_ms: Date.now(), counter: 0 },
    kind: { type: "assigned", supersedes: [], assignment: { field: "investigation", point: "child_check", done: true, note: "" } },
  };
  const res = await api(url, "/api/v1/events", { token, method: "POST", body: { device_id, events: [event] } });
  check(res.results[0].outcome === "applied", `the field user's event is applied: ${JSON.stringify(res.results)}`);
}

test("the shift lead filters to acuut onveilig, sees what is due this shift and what changed since the last visit", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "nl-NL" })).newPage();
    await signIn(desk, server.url, "lead.demo", "248613", "Casussen in de regio");
    const rows = desk.locator("button.lead-row");
    await until(async () => (await rows.count()) >= 5 && (await chip(desk, "acute").count()) === 1, { timeout: 20_000, what: "the server's list with chips" });
    const all = await rows.count();

    // Chips are one-thumb targets with counts.
    const box = await chip(desk, "acute").boundingBox();
    check(box && box.height >= 44, `a chip is at least 44 px high (${box?.height})`);
    const acute = await chipCount(desk, "acute");
    check(acute >= 1, `the demo has an acute case (${acute})`);

    // "acuut onveilig": only acute cases.
    await chip(desk, "acute").click();
    check((await chip(desk, "acute").getAttribute("aria-pressed")) === "true", "the chip says it is on");
    await until(async () => (await rows.count()) === acute, { what: "the acute cases only" });
    for (const status of await rows.locator(".status").allInnerTexts()) {
      check(status.trim() === "acuut onveilig", `only acute rows are shown (${status})`);
    }
    // Combined with "acuut onveilig — tijdelijk opgeheven": either; with "deze dienst te doen": both.
    await chip(desk, "contained").click();
    await until(async () => (await rows.count()) === acute + (await chipCount(desk, "contained")), { what: "acute or contained" });
    await chip(desk, "due_this_shift").click();
    const bedacht = rows.filter({ hasText: "Bedachtstraat 4" });
    await until(async () => (await rows.count()) >= 1 && (await bedacht.count()) === 1, { what: "the case with something due this shift" });
    const due = bedacht.locator("[data-testid=lead-due-this-shift]");
    const dueText = await due.innerText();
    check(/deze dienst te doen/.test(dueText), `the row says what is due this shift: ${dueText}`);
    check(/Beslissing OvJ/.test(dueText), `the OvJ's decision (9 h after the arrest) is due this shift: ${dueText}`);
    check((await bedacht.locator("[data-testid=lead-kindcheck-missing]").count()) === 1, "children without kindcheck is marked");
    check((await bedacht.locator("[data-testid=lead-changed]").innerText()).includes("nog niet geopend"), "never opened is marked");
    await desk.screenshot({ path: join(OUT, "40-shift-filtered-desktop.png"), fullPage: true });

    // The lead opens the case (a visit), comes back: no change marker.
    await bedacht.click();
    await desk.getByRole("heading", { name: "Samenvatting ter plaatse" }).waitFor();
    await desk.getByRole("button", { name: "← Terug" }).click();
    const row = () => desk.locator("button.lead-row", { hasText: "Bedachtstraat 4" });
    // The server's list (not only the case this device now holds), with no chip on.
    await until(
      async () => (await rows.count()) === all && (await row().count()) === 1 && (await row().locator("[data-testid=lead-changed]").count()) === 0,
      { timeout: 15_000, what: "the server's list, the visited case without the change marker" },
    );
    check((await chip(desk, "acute").getAttribute("aria-pressed")) === "false", "back on the list, no chip is on");

    // A field user records the kindcheck: changed since the lead's visit, and the kindcheck mark goes.
    const list = await api(server.url, "/api/v1/cases?search=Bedachtstraat", { token: await apiToken(server.url, "lead.demo") });
    await fieldUserRecordsKindcheck(server.url, list[0].case_id);
    await until(
      async () => {
        // Listed again when the lead comes back to the list.
        await desk.locator("nav.lead-tabs button", { hasText: "Maatregelen" }).click();
        await desk.locator("nav.lead-tabs button", { hasText: "Casussen" }).click();
        await row().first().waitFor({ timeout: 5_000 });
        // The server's answer, not the rows this device holds while it asks
        // (checked at once, those made the loop a race against the server;
        // it lost for 20 s once in CI under load).
        const listed = await until(async () => (await rows.count()) === all, { timeout: 5_000, what: "the server's list" }).then(
          () => true,
          () => false,
        );
        return listed && (await row().locator("[data-testid=lead-changed]").count()) === 1;
      },
      { timeout: 20_000, every: 500, what: "the change marker after the field user's event" },
    );
    check((await row().locator("[data-testid=lead-changed]").innerText()).includes("gewijzigd sinds mijn bezoek"), "the marker says changed since your visit");
    check((await row().locator("[data-testid=lead-kindcheck-missing]").count()) === 0, "the recorded kindcheck clears the mark");
    await chip(desk, "changed_since_visit").click();
    await until(async () => (await rows.filter({ hasText: "Bedachtstraat 4" }).count()) === 1, { what: "the changed filter keeps it" });
    await desk.screenshot({ path: join(OUT, "41-shift-changed-desktop.png"), fullPage: true });

    // The same at 390×844: chips wrap, nothing scrolls sideways.
    const small = await (await phone(browser)).newPage();
    await signIn(small, server.url, "lead.demo", "703518", "Casussen in de regio");
    await until(async () => (await chip(small, "acute").count()) === 1, { timeout: 20_000, what: "chips on the phone" });
    await small.screenshot({ path: join(OUT, "42-shift-chips-phone.png") });
    await chip(small, "due_this_shift").click();
    await small.locator("button.lead-row", { hasText: "Bedachtstraat 4" }).waitFor();
    const sideways = await small.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
    check(sideways <= 0, `the lead list does not scroll sideways at 390 px (${sideways} px too wide)`);
    const phoneBox = await chip(small, "due_this_shift").boundingBox();
    check(phoneBox && phoneBox.height >= 44 && phoneBox.width >= 44, "the chip is a one-thumb target on the phone");
    await small.screenshot({ path: join(OUT, "43-shift-due-phone.png"), fullPage: true });
  });
});
