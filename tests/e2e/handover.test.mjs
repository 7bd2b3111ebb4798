// Issue 14 part 3 (004 l.147, 377, 396, 430; 002 l.263, 867-881, 1147-1187, 4431): the handover and
// evaluation the toolkit asks for. On a phone (390 px) the police record the case's nature (step 1),
// children present, structurele onveiligheid with a Bijlage II sub-item and "anders, namelijk", the
// VT-melding, a zorgmelding for the one child, the victim informed, the structural unsafety handed
// over to ZSM, and "was samen optrekken van meerwaarde?" with its toelichting (a bare "ja" is refused
// next to the field, the typed text kept); the summary shows each. Screenshots light and dark.
import { test } from "node:test";
import { join } from "node:path";
import { OUT, check, deviceSummary, serverCase, signedInPhone, startCase, step, synced, withServerAndBrowser } from "./lib.mjs";

const HINT = "Teststraat 31 (overdracht)";

/** Every tappable control in `main` at least 44 px high, and nothing wider than the screen. */
async function oneThumb(page, where) {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll("main button, main select, main textarea, main input:not([type=checkbox]), main label.check, main details > summary")]
      .filter((el) => el.offsetParent !== null)
      .map((el) => [el.textContent.trim().slice(0, 40) || el.tagName, Math.round(el.getBoundingClientRect().height)])
      .filter(([, h]) => h < 44));
  check(small.length === 0, `${where}: tap targets under 44 px: ${JSON.stringify(small)}`);
  const sideways = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
  check(sideways <= 0, `${where}: scrolls sideways by ${sideways} px`);
}

test("step 5 records structural unsafety, the handover items and meerwaarde; the summary shows them", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await signedInPhone(browser, server.url, "agent.demo");
    await startCase(page, HINT);

    // Step 1: the nature of the report (004 l.430) and children present.
    await step(page, "Fysieke veiligheid");
    await page.getByRole("combobox", { name: "Aard van de melding" }).selectOption({ label: "Partnergeweld" });
    await page.getByRole("radio", { name: "Kinderen aanwezig?: Ja" }).click();
    await oneThumb(page, "step 1");
    await page.getByRole("combobox", { name: "Aard van de melding" }).evaluate((el) => el.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: join(OUT, "69-step1-nature.png") });

    await step(page, "Niet meer acuut");
    check(await page.getByText("Doe eerst de VT-melding").count() === 1, "the missing VT-melding blocks");
    check(await page.getByText("Doe eerst voor elk kind de zorgmelding").count() === 1, "the child's zorgmelding blocks");

    // Structurele onveiligheid: a sub-item of Bijzondere vormen and "anders, namelijk" (002 l.1175-1187).
    const structural = page.getByTestId("structural");
    await structural.locator("summary", { hasText: "Bijzondere vormen van geweld" }).click();
    await structural.getByLabel("Achterlating", { exact: true }).check();
    await structural.getByLabel("Anders, namelijk", { exact: true }).fill("Dreigt de kinderen mee te nemen");
    await structural.getByRole("button", { name: "Anders, namelijk vastleggen" }).click();
    await structural.locator("summary", { hasText: "(2)" }).waitFor().catch(() => {});

    // The handover items.
    const items = page.getByTestId("handover-items");
    await items.getByLabel("VT-melding gedaan").check();
    await items.getByRole("button", { name: "Kind toevoegen" }).click();
    await items.getByLabel("Kind 1", { exact: true }).check();
    await items.getByLabel("Slachtoffer geïnformeerd over de maatregelen en hoe een schending te melden").check();
    await items.getByLabel("Vastgelegd in eigen systeem: Politie").check();
    await items.getByLabel("ZSM", { exact: true }).check();
    await page.getByText("Doe eerst voor elk kind de zorgmelding").waitFor({ state: "detached" });
    check(await page.getByText("Doe eerst de VT-melding").count() === 0, "the VT-melding no longer blocks");

    // Meerwaarde: a bare "ja" is refused next to the field; the typed answer stays.
    const value = page.getByTestId("added-value");
    await value.getByRole("radio", { name: "Ja" }).click();
    await value.getByRole("button", { name: "Meerwaarde vastleggen" }).click();
    const error = value.locator(".field-error");
    await error.waitFor();
    check((await error.innerText()).includes("Toelichting op de meerwaarde"), `the refusal names the field: ${await error.innerText()}`);
    check(await value.getByRole("radio", { name: "Ja" }).getAttribute("aria-checked") === "true", "the typed answer is kept");
    await page.screenshot({ path: join(OUT, "70-step5-meerwaarde-refused.png") });
    await value.getByLabel("Toelichting").fill("VT kende de voorgeschiedenis; één gesprek voor het slachtoffer");
    await value.getByRole("button", { name: "Meerwaarde vastleggen" }).click();
    await error.waitFor({ state: "detached" });

    await oneThumb(page, "step 5");
    await page.screenshot({ path: join(OUT, "71-step5-handover-light.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(OUT, "72-step5-handover-dark.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });

    const { text } = await deviceSummary(page);
    for (const part of [
      "Aard: Partnergeweld",
      "Bijzondere vormen van geweld: Achterlating",
      "Anders, namelijk: Dreigt de kinderen mee te nemen",
      "VT-melding gedaan: ja",
      "Zorgmelding per kind: Kind 1: ja",
      "Vastgelegd in eigen systeem: Politie",
      "Slachtoffer geïnformeerd over de maatregelen en hoe een schending te melden: ja",
      "Structurele onveiligheid overgedragen aan: ZSM",
      "Was samen optrekken van meerwaarde?: ja — VT kende de voorgeschiedenis",
    ]) {
      check(text.includes(part), `the summary says "${part}":\n${text}`);
    }
    await page.screenshot({ path: join(OUT, "73-summary-handover.png"), fullPage: true });

    // The server holds the new shapes (schema 3).
    await synced(page);
    const s = await serverCase(server.url, HINT);
    const kinds = s.events.map((e) => e.kind.assignment?.item?.item ?? e.kind.assignment?.field);
    for (const k of ["vt_report", "child_care_reports", "victim_informed", "structural_handed_over_to", "added_value", "structural_sub_item", "structural_other"]) {
      check(kinds.includes(k), `the server holds ${k}: ${kinds}`);
    }
  });
});
