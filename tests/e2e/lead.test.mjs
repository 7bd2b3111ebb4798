// The shift lead's view on the demo region (cases over two weeks): the
// case list with flags, one summary with its PDF, the measures board and
// the weekly figures. Screenshots at tablet and phone size.
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { OUT, check, phone, signIn, synced, tablet, until, withServerAndBrowser } from "./lib.mjs";

test("a shift lead reviews cases, one summary (with PDF), the measures board and the figures", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await (await tablet(browser)).newPage();
    await signIn(page, server.url, "lead.demo", "248613", "Casussen in de regio");
    await synced(page, 30_000);
    const rows = page.locator("button.lead-row");
    check((await rows.count()) >= 5, `the demo region shows several cases (${await rows.count()})`);
    check((await page.getByText("Elke inzage van een casus wordt vastgelegd").count()) === 1, "the view says reads are audited");
    await page.screenshot({ path: join(OUT, "30-lead-cases.png"), fullPage: true });

    // A case with an arrest, so the summary has criteria, measures and a handover to show.
    const rich = rows.filter({ hasText: "Bedachtstraat" });
    await ((await rich.count()) > 0 ? rich.first() : rows.first()).click();
    await page.getByRole("heading", { name: "Samenvatting ter plaatse" }).waitFor();
    await page.getByText("Tijdlijn").waitFor();
    // Opening the case brings its events in the next pull (the lead's phone holds only opened cases).
    await page.locator("ol.timeline li").first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(OUT, "31-lead-summary.png"), fullPage: true });
    // The export asks first (issue 16 §3; export.test.mjs covers cancel).
    await page.getByRole("button", { name: "PDF", exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "PDF downloaden" }).click()]);
    const file = join(OUT, "31-lead-summary.pdf");
    await download.saveAs(file);
    check(readFileSync(file).subarray(0, 5).toString() === "%PDF-", "the export is a PDF");

    await page.getByRole("button", { name: "← Terug" }).click();
    await page.locator("nav.lead-tabs button", { hasText: "Maatregelen" }).click();
    await page.getByRole("heading", { name: "Openstaande maatregelen" }).waitFor();
    const items = page.locator("li.board-item");
    // The board comes from the server (the lead window), after the heading.
    await until(async () => (await items.count()) >= 3, { timeout: 15_000, what: "the server's board" }).catch(() => {});
    check((await items.count()) >= 3, "the board lists the open measures");
    check((await page.locator("li.board-item.overdue").count()) >= 1, "an overdue measure stands out");
    await page.screenshot({ path: join(OUT, "32-lead-board.png"), fullPage: true });

    await page.locator("nav.lead-tabs button", { hasText: "Cijfers" }).click();
    await page.getByRole("heading", { name: "Cijfers per week" }).waitFor();
    check((await page.locator("svg.chart").count()) === 2, "two charts");
    await until(async () => (await page.locator("[data-testid=chart-responses] tbody tr").count()) >= 2, { timeout: 15_000, what: "the server's figures" }).catch(() => {});
    check((await page.locator("[data-testid=chart-responses] tbody tr").count()) >= 2, "figures for at least two weeks");
    // Issue 14 part 3: the time of day of each joint response (004 l.396), meerwaarde and partners (004 l.430).
    const timeOfDay = page.locator("section.card", { has: page.getByRole("heading", { name: "Tijdstip van de melding" }) });
    const buckets = await timeOfDay.locator("tbody tr").allInnerTexts();
    check(buckets.length >= 1 && buckets.every((r) => /^(Kantooruren|Avond|Nacht)\s+\d+$/.test(r.trim())), `time of day rows: ${JSON.stringify(buckets)}`);
    check(await page.getByRole("heading", { name: "Samen optrekken van meerwaarde", exact: true }).count() === 1, "meerwaarde is counted");
    check(await page.getByRole("heading", { name: "Geraadpleegde partners" }).count() === 1, "partners consulted are counted");
    await page.screenshot({ path: join(OUT, "33-lead-figures.png"), fullPage: true });

    const small = await (await phone(browser)).newPage();
    await signIn(small, server.url, "lead.demo", "703518", "Casussen in de regio");
    // The list of the last 14 days with "Oudere casussen zoeken" (issue 14 §4), at 390×844.
    await small.locator("button.lead-row").first().waitFor({ timeout: 15_000 });
    check((await small.getByLabel("Oudere casussen zoeken").count()) === 1, "the lead list has the search for older cases");
    await small.screenshot({ path: join(OUT, "35-lead-cases-phone.png") });
    await small.locator("nav.lead-tabs button", { hasText: "Maatregelen" }).click();
    await small.getByRole("heading", { name: "Openstaande maatregelen" }).waitFor();
    await synced(small, 30_000);
    await small.locator("article, li").first().waitFor({ timeout: 15_000 }).catch(() => {});
    const sideways = await small.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
    check(sideways <= 0, `the shift lead's phone view does not scroll sideways (${sideways} px too wide)`);
    await small.screenshot({ path: join(OUT, "34-lead-board-phone.png"), fullPage: true });
  });
});
