// Eergerelateerd geweld (issue 15) at phone size (390x844): A7 suggests the
// flag (002 l.1078-1079), the flag is set on scene, every screen of the case
// warns (000 l.400, 411, 434, 610, 618), the network's access keeps the case
// acute after an arrest (002 l.358-365), the network is not offered as
// owner of a measure, the steps show who/when and the opvang decision is
// recorded (000 l.273, 642). The shift lead sees which EGG steps are open.
// Screenshots 60-65 in tests/e2e/out, light and dark.
import { test } from "node:test";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { OUT, assessment, check, deviceSummary, signIn, signedInPhone, startCase, step, synced, phone, withServerAndBrowser } from "./lib.mjs";

const A7 = "Dreiging met geweld, genitale verminking, doden of vrijheidsbeneming";
const WARNINGS = [
  "Geef familie en derden geen informatie over waar het slachtoffer is.",
  "Geen bemiddeling met de familie zonder veiligheidsafspraken.",
  "Het netwerk (familie) kan zelf de dreiging zijn: wijs het niet aan als toezichthouder.",
  "Wordt een vrouw of minderjarige als vermist gemeld",
];

async function noSideways(page, where) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(wide <= 0, `${where}: the page does not scroll sideways (${wide} px too wide)`);
}

/** Buttons, checkboxes' rows and inputs inside `selector` smaller than 44 px high. */
async function smallTargets(page, selector) {
  return page.evaluate((selector) => {
    return [...document.querySelectorAll(`${selector} button, ${selector} label.check, ${selector} input:not([type=checkbox])`)]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height > 0 && r.height < 44)
      .map(({ el, r }) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" ${Math.round(r.height)}px`);
  }, selector);
}

/** WCAG 2.2 AA violations axe-core finds in the EGG parts of the page, one line each. */
async function axeViolations(page) {
  const { violations } = await new AxeBuilder({ page })
    .include("[data-testid=honour-warnings]")
    .include("[data-testid=honour-steps]")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")}`);
}

async function warningsShown(page, where) {
  const box = page.getByTestId("honour-warnings");
  await box.waitFor();
  const text = await box.innerText();
  for (const w of WARNINGS) check(text.includes(w), `${where}: warns "${w}": ${text}`);
}

test("an EGG case from the suggestion and the flag to the opvang decision, with the warnings on every screen", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await signedInPhone(browser, server.url, "agent.demo");
    await startCase(page, "Eerstraat 5 (synthetisch)");
    await page.getByRole("heading", { level: 1, name: /1\. Fysieke veiligheid/ }).waitFor();
    check((await page.getByTestId("honour-warnings").count()) === 0, "no EGG warnings before the flag");

    // A7 "ja": core suggests the flag; it is not set by itself.
    await assessment(page);
    await page.getByRole("radio", { name: `${A7}: Ja` }).click();
    await page.getByTestId("honour-suggestion").waitFor();
    check((await page.getByTestId("honour-warnings").count()) === 0, "suggested, not set");
    await page.getByTestId("honour-flag").getByRole("checkbox").check();
    await warningsShown(page, "step 2");
    check((await page.getByTestId("honour-suggestion").count()) === 0, "the suggestion goes once the flag is set");

    // The network question and who threatens; one arrest leaves it acute.
    await page.getByRole("radio", { name: /Heeft het netwerk van de verdachte.*: Ja/ }).click();
    const threat = page.getByTestId("network-threat");
    await threat.getByLabel(/Wie bedreigt/).fill("Vader en twee broers (synthetisch)");
    await threat.getByRole("button", { name: "Opslaan" }).click();
    await page.getByRole("checkbox", { name: /Verdachte aangehouden/ }).check();
    const result = page.getByTestId("triage-result");
    await result.getByText(/acuut onveilig/).waitFor();
    check(!(await result.innerText()).includes("beheerst"), "the network's access keeps it acute after the arrest");
    await noSideways(page, "step 2");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUT, "60-egg-step2.png") });
    await page.getByTestId("honour-flag").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "60b-egg-step2-network.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(OUT, "61-egg-step2-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });

    // Every screen of the case warns.
    await step(page, "Fysieke veiligheid");
    await warningsShown(page, "step 1");
    await page.locator("nav.steps button", { hasText: "(Gezamenlijk) onderzoek" }).click();
    await page.getByRole("heading", { level: 1, name: "3. (Gezamenlijk) onderzoek" }).waitFor();
    await warningsShown(page, "step 3");

    // Step 4: the steps with who/when; the network is not offered as owner.
    await step(page, "Veiligheidsmaatregelen");
    await warningsShown(page, "step 4");
    const steps = page.getByTestId("honour-steps");
    await steps.waitFor();
    const text = await steps.innerText();
    for (const s of ["Eerste risico-screening en risico-analyse", "OM gebeld over persoonsbeveiliging", "Adres gemarkeerd in het meldsysteem", "unit MEP"]) {
      check(text.includes(s), `step 4 shows "${s}": ${text}`);
    }
    await page.getByRole("combobox", { name: /^Maatregel/ }).selectOption({ label: "Vrijwillig kader: Veiligheidsafspraken" });
    const owners = await page.getByRole("combobox", { name: /^Uitvoering door/ }).locator("option").allInnerTexts();
    check(!owners.includes("Netwerk"), `the network is no owner in EGG: ${owners}`);
    check(owners.includes("Veilig Thuis"), `VT still owns veiligheidsafspraken: ${owners}`);

    await steps.getByRole("checkbox", { name: "Adres gemarkeerd in het meldsysteem" }).check();
    await steps.getByText(/Agent A\. Voorbeeld, .*\d\d:\d\d/).first().waitFor();
    const opvang = page.getByTestId("opvang-decision");
    await opvang.getByRole("radio", { name: "Buiten de regio (ver weg)" }).click();
    await opvang.getByRole("radio", { name: "Safe house" }).click();
    await opvang.getByRole("button", { name: "Besluit opvang vastleggen" }).click();
    await page.getByTestId("opvang-recorded").getByText("Buiten de regio (ver weg), Safe house").waitFor();
    const small = await smallTargets(page, "[data-testid=honour-steps]");
    check(small.length === 0, `EGG targets are at least 44 px: ${small.join(", ")}`);
    await noSideways(page, "step 4");
    await steps.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "62-egg-step4.png") });
    await opvang.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "62b-egg-step4-opvang.png") });
    const light = await axeViolations(page);
    check(light.length === 0, `the EGG parts meet WCAG 2.2 AA (light): ${light.join("; ")}`);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(OUT, "63-egg-step4-dark.png") });
    const dark = await axeViolations(page);
    check(dark.length === 0, `the EGG parts meet WCAG 2.2 AA (dark): ${dark.join("; ")}`);
    await page.emulateMedia({ colorScheme: "light" });

    // The summary carries the EGG part.
    const { text: summary } = await deviceSummary(page);
    for (const s of ["Eergerelateerd geweld", "Vader en twee broers (synthetisch)", "Besluit opvang: Buiten de regio (ver weg), Safe house", WARNINGS[0]]) {
      check(summary.includes(s), `the summary says "${s}": ${summary}`);
    }
  });
});

test("the shift lead sees the demo EGG case's steps and which are still open", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await signIn(page, server.url, "lead.demo", "248613", "Casussen in de regio");
    await synced(page, 30_000);
    const row = page.locator("button.lead-row", { hasText: "Verzonnenhof" });
    await row.getByTestId("lead-honour-open").getByText("EGG: 3 open").waitFor();
    await row.click();
    const card = page.getByTestId("lead-honour");
    await card.waitFor();
    const text = await card.innerText();
    for (const s of ["EGG: 3 open", "✓ Adres gemarkeerd in het meldsysteem", "· OM gebeld over persoonsbeveiliging", "· Besluit opvang", "· Afscherming persoonsgegevens"]) {
      check(text.includes(s), `the lead sees "${s}": ${text}`);
    }
    await noSideways(page, "lead EGG case");
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "64-egg-lead.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(OUT, "65-egg-lead-dark.png") });
  });
});
