// Issue 18 §2: the shift lead's list comes a page at a time (50 rows, then
// "Meer casussen tonen"), while the filter chips count every case of the
// lead window (the server's counts, not the rows on screen). 56 cases are
// opened over the API by agent.demo (synthetic addresses), beside the demo's.
import { test } from "node:test";
import { join } from "node:path";
import { OUT, agentOpening, api, apiToken, check, chip, chipCount, phone, signIn, until, uuidv7, withServerAndBrowser } from "./lib.mjs";

const PAGE = 50;
const SEEDED = 56;

/** agent.demo opens `n` cases (not assessed yet) in one push. */
async function openCases(url, n) {
  const token = await apiToken(url, "agent.demo");
  const device_id = uuidv7();
  const now = Date.now();
  const events = Array.from({ length: n }, (_, i) =>
    agentOpening(device_id, { hint: `Pagineerlaan ${i + 1} (synthetisch)`, reportedAt: now - (i + 1) * 60_000, counter: i }),
  );
  const res = await api(url, "/api/v1/events", { token, method: "POST", body: { device_id, events } });
  check(res.results.every((r) => r.outcome === "applied"), "every opening is applied");
}

test("the lead's list comes 50 at a time while the chips count every case of the window", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    await openCases(server.url, SEEDED);
    const lead = await apiToken(server.url, "lead.demo");
    const whole = await api(server.url, "/api/v1/cases", { token: lead });
    const total = whole.length;
    check(total >= SEEDED + 1, `the window holds the seeded and the demo cases (${total})`);

    const small = await (await phone(browser)).newPage();
    await signIn(small, server.url, "lead.demo", "248613", "Casussen in de regio");
    const rows = small.locator("button.lead-row");
    const more = small.getByTestId("lead-more");
    await until(async () => (await rows.count()) === PAGE && (await more.count()) === 1, { timeout: 20_000, what: "the first page and the button for more" });
    // The chips count the whole window, not the 50 rows on screen.
    const open = await chipCount(small, "open");
    const notAssessed = await chipCount(small, "not_assessed");
    check(open === whole.filter((c) => c.status !== "handed_over").length, `"open" counts every case of the window (${open})`);
    check(notAssessed >= SEEDED && notAssessed > PAGE, `"nog niet beoordeeld" counts past the page (${notAssessed})`);
    check((await more.innerText()).includes("Meer casussen tonen"), "the button says what it does");
    const box = await more.boundingBox();
    check(box && box.height >= 44, `the button is a one-thumb target (${box?.height})`);
    await small.screenshot({ path: join(OUT, "44-lead-list-paged-phone.png") });
    await more.scrollIntoViewIfNeeded();
    await small.screenshot({ path: join(OUT, "45-lead-list-more-phone.png") });

    // One tap: the rest, and no more button.
    await more.click();
    await until(async () => (await rows.count()) === total && (await more.count()) === 0, { what: "every case after one more page" });
    check((await rows.filter({ hasText: `Pagineerlaan ${SEEDED} (synthetisch)` }).count()) === 1, "the oldest seeded case is listed");

    // A chip filters on the server and still pages: every not-assessed case, none twice.
    await chip(small, "not_assessed").click();
    await until(async () => (await rows.count()) === notAssessed, { what: "every not-assessed case" });
    const hints = await rows.locator(".hint").allInnerTexts();
    check(new Set(hints).size === hints.length, "no case is listed twice");
    for (const status of await rows.locator(".status").allInnerTexts()) {
      check(status.trim() === "nog niet beoordeeld", `only not-assessed rows are shown (${status})`);
    }
    const sideways = await small.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
    check(sideways <= 0, `the paged list does not scroll sideways at 390 px (${sideways} px too wide)`);
  });
});
