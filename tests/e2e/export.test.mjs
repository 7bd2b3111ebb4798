// Issue 16 §3 in the browser: a server address that is not https:// (and
// not this device) is refused under the Server field in Dutch, with the
// typed address kept and nothing sent to it; the shift lead's PDF export
// asks first — cancel does nothing, confirm downloads a watermarked PDF.
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { OUT, PASSWORD, check, signIn, synced, tablet, withServerAndBrowser } from "./lib.mjs";

test("an http:// server elsewhere is refused under its field; the PDF export asks before it downloads", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const context = await tablet(browser);
    const page = await context.newPage();
    const toElsewhere = [];
    page.on("request", (r) => { if (r.url().includes("10.1.2.3")) toElsewhere.push(r.url()); });

    // Sign-in with a plain-http address of another machine.
    await page.goto(server.url);
    await page.getByLabel("Gebruikersnaam").fill("lead.demo");
    await page.getByLabel("Wachtwoord").fill(PASSWORD);
    await page.getByText("Geavanceerd").click();
    const field = page.getByLabel("Server");
    await field.fill("http://10.1.2.3");
    await page.getByRole("button", { name: "Inloggen" }).click();
    const refusal = page.getByTestId("server-error");
    await refusal.waitFor();
    check(
      (await refusal.textContent()).includes("Alleen een beveiligde verbinding (https://) is toegestaan"),
      `the Dutch refusal shows: ${await refusal.textContent()}`,
    );
    check((await field.inputValue()) === "http://10.1.2.3", "the typed address is kept");
    check((await field.getAttribute("aria-invalid")) === "true", "the field is marked invalid");
    check((await page.getByLabel("Wachtwoord").inputValue()) === PASSWORD, "the password is kept");
    check(toElsewhere.length === 0, `nothing was sent to the refused address: ${toElsewhere}`);
    await page.screenshot({ path: join(OUT, "60-login-server-refused.png"), fullPage: true });

    // The page's own (loopback) origin is allowed: sign in as the shift lead.
    await signIn(page, server.url, "lead.demo", "248613", "Casussen in de regio");
    await synced(page, 30_000);
    await page.locator("button.lead-row").first().click();
    await page.getByRole("heading", { name: "Samenvatting ter plaatse" }).waitFor();
    await page.locator("ol.timeline li").first().waitFor({ timeout: 15_000 });

    const downloads = [];
    page.on("download", (d) => downloads.push(d));
    const pdf = page.getByRole("button", { name: "PDF", exact: true });

    // Cancel: the question closes, nothing is fetched or saved.
    const exportRequests = [];
    page.on("request", (r) => { if (r.url().endsWith("/summary.pdf")) exportRequests.push(r.url()); });
    await pdf.click();
    const confirm = page.getByTestId("pdf-confirm");
    await confirm.waitFor();
    check(
      (await confirm.textContent()).includes("Dit document bevat gevoelige gegevens") &&
        (await confirm.textContent()).includes("vastgelegd"),
      "the question names sensitive data and that the download is logged",
    );
    await page.screenshot({ path: join(OUT, "61-lead-pdf-confirm.png"), fullPage: true });
    await page.getByRole("button", { name: "Annuleren" }).click();
    await confirm.waitFor({ state: "detached" });
    check(exportRequests.length === 0, "cancel fetched nothing");

    // Confirm: one PDF, watermarked (the text streams are not compressed).
    await pdf.click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "PDF downloaden" }).click(),
    ]);
    const file = join(OUT, "61-lead-export.pdf");
    await download.saveAs(file);
    const bytes = readFileSync(file);
    check(bytes.subarray(0, 5).toString() === "%PDF-", "the download is a PDF");
    // pdf-writer writes a string with bytes beyond ASCII (the ë of
    // "geëxporteerd") as hex; the streams themselves are not compressed.
    const hex = (t) => Buffer.from(t, "latin1").toString("hex").toUpperCase();
    const shown = (t) => bytes.includes(t) || bytes.includes(hex(t));
    check(shown("Vertrouwelijk \x97 geëxporteerd door ") && shown("deze export is vastgelegd"), "the PDF carries the watermark");
    check(downloads.length === 1 && exportRequests.length === 1, `one export (${downloads.length} downloads, ${exportRequests.length} requests)`);
    check((await page.getByTestId("pdf-confirm").count()) === 0, "the question closed after the download");
  });
});
