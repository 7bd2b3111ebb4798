// Step 4 at phone size: agree a huisverbod, see its +10 days deadline,
// set who calls whom, who informs whom and the re-assessment moment, and
// find them back after a reload (sealed in the vault, not just on screen).
import { test } from "node:test";
import { join } from "node:path";
import { OUT, check, signedInPhone, withServerAndBrowser } from "./lib.mjs";

test("a measure with owner, deadline, call tree, informs and re-assessment", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await signedInPhone(browser, server.url, "agent.demo");
    await page.getByRole("button", { name: "Start casus" }).click();
    await page.getByRole("button", { name: /Veiligheidsmaatregelen/ }).first().click();
    await page.getByRole("combobox", { name: /^Maatregel/ }).selectOption({ label: "Bestuursrechtelijk: Tijdelijk huisverbod (in beginsel 10 dagen)" });
    await page.getByLabel("Aanspreekpunt voor deze maatregel (naam, optioneel)").fill("B. Testmedewerker");
    await page.getByLabel("Telefoon").first().fill("0800-0000001");
    await page.getByRole("button", { name: "Afspreken" }).click();

    const card = page.locator("article.measure").first();
    await card.getByText(/Einde huisverbod/).waitFor();
    await card.getByText("Afspraken wijzigen").click();
    await card.getByRole("combobox", { name: /^Wie belt/ }).selectOption({ label: "Veilig Thuis" });
    await card.getByRole("combobox", { name: /^Wie wordt gebeld/ }).selectOption({ label: "Politie" });
    await card.getByLabel("Wanneer", { exact: true }).fill("als de uithuisgeplaatste contact zoekt");
    await card.getByRole("button", { name: "Belafspraak toevoegen" }).click();
    await card.getByLabel(/Wie wordt geïnformeerd/).fill("school van het kind");
    await card.getByRole("button", { name: "Toevoegen", exact: true }).click();
    await card.getByLabel("Herbeoordeling", { exact: true }).fill("2030-01-15T09:30");
    await card.locator(".moment", { hasText: "Herbeoordeling" }).getByRole("button", { name: "Opslaan" }).click();
    await card.getByText("Herbeoordeling: 15-01-2030 09:30").waitFor();
    await page.screenshot({ path: join(OUT, "12-measure-arrangements.png"), fullPage: true });

    await page.reload();
    await page.getByLabel("Pincode").fill("248613");
    await page.getByRole("button", { name: "Ontgrendel", exact: true }).click();
    // Back on the same case and step (issue 17 §1).
    await page.getByRole("heading", { level: 1, name: /Veiligheidsmaatregelen/ }).waitFor();
    const again = page.locator("article.measure").first();
    for (const text of ["☎ Veilig Thuis → Politie: als de uithuisgeplaatste contact zoekt", "✉ Veilig Thuis → school van het kind",
                        "Herbeoordeling: 15-01-2030 09:30", "B. Testmedewerker"]) {
      check(await again.getByText(text).count() > 0, `after reload the measure still shows "${text}"`);
    }
  });
});
