// The toolkit's five steps (004 l.19-45) at phone size (390x844): the step
// bar names them as the toolkit does and never scrolls sideways; step 3
// (gezamenlijk) onderzoek shows the children prompts while it is not known
// whether there are children. Screenshots 40-42 in tests/e2e/out, step 3
// also in the dark colour scheme.
import { test } from "node:test";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { OUT, check, signedInPhone, withServerAndBrowser } from "./lib.mjs";

const LABELS = ["Fysieke veiligheid", "Motorkapoverleg", "(Gezamenlijk) onderzoek", "Veiligheidsmaatregelen", "Niet meer acuut?"];

/** WCAG 2.2 AA violations axe-core finds on the page, one line each. */
async function axeViolations(page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")}`);
}

/** Elements whose right edge lies beyond the viewport, by tag and class. */
async function overflowing(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)})`);
  });
}

test("the step bar shows the five toolkit steps without sideways scrolling; step 3 shows the children prompts", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await signedInPhone(browser, server.url, "agent.demo");
    await page.getByRole("button", { name: "Start casus" }).click();
    await page.getByRole("heading", { level: 1, name: /1\. Fysieke veiligheid/ }).waitFor();

    const bar = page.locator("nav.steps");
    const names = await bar.locator("button .name").allInnerTexts();
    for (const [i, label] of LABELS.entries()) {
      check(names[i] === label, `step ${i + 1} is "${label}", not "${names[i]}"`);
    }
    const nums = await bar.locator("button .num").allInnerTexts();
    check(nums.join(",") === "1,2,3,4,5", `the steps are numbered 1-5: ${nums}`);
    const scroll = await bar.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    check(scroll.scroll <= scroll.client, `the step bar does not scroll sideways: ${JSON.stringify(scroll)}`);
    check((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, "the page does not scroll sideways");
    const wide = await overflowing(page);
    check(wide.length === 0, `no element ends beyond 390 px: ${wide.join(", ")}`);
    await page.screenshot({ path: join(OUT, "40-step-bar.png") });

    // Step 2 holds VT's eerste veiligheidsbeoordeling (004 l.27).
    await bar.locator("button", { hasText: "Motorkapoverleg" }).click();
    await page.getByTestId("step2-assessment").click();
    await page.getByTestId("triage-result").waitFor();

    await bar.locator("button", { hasText: "(Gezamenlijk) onderzoek" }).click();
    await page.getByRole("heading", { level: 1, name: "3. (Gezamenlijk) onderzoek" }).waitFor();
    await page.getByTestId("children-unknown").waitFor();
    const prompts = await page.getByTestId("child-prompts").innerText();
    for (const text of ["Kindcheck gedaan", "VT-melding per kind", "Kind gesproken door VT of RvdK"]) {
      check(prompts.includes(text), `step 3 prompts "${text}" while children present is onbekend: ${prompts}`);
    }
    const wide3 = await overflowing(page);
    check(wide3.length === 0, `step 3: no element ends beyond 390 px: ${wide3.join(", ")}`);
    await page.screenshot({ path: join(OUT, "41-step3-onderzoek.png"), fullPage: true });
    const light = await axeViolations(page);
    check(light.length === 0, `step 3 meets WCAG 2.2 AA (light): ${light.join("; ")}`);

    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(OUT, "42-step3-dark.png"), fullPage: true });
    const dark = await axeViolations(page);
    check(dark.length === 0, `step 3 meets WCAG 2.2 AA (dark): ${dark.join("; ")}`);
  });
});
