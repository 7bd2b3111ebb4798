// A long case: 2,000 events by two responders (seeded by the backend's
// demo). Measures in the page how long opening the case and switching to
// the triage take, from the click until the screen is painted.
import { test } from "node:test";
import { join } from "node:path";
import { OUT, check, median, phone, signIn, timeInPage, synced, withServerAndBrowser } from "./lib.mjs";

const EVENTS = 2000;
const HINT = "Teststraat 99 (synthetisch)";

test(`a case of ${EVENTS} events opens and renders within 200 ms`, async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const t0 = Date.now();
    await signIn(page, server.url, "agent.demo");
    await page.getByText(HINT).waitFor({ timeout: 60_000 });
    await synced(page, 60_000);
    const syncMs = Date.now() - t0;

    const open = [];
    const triage = [];
    const heading = (name) => `document.querySelector("h1")?.textContent.includes(${JSON.stringify(name)})`;
    for (let i = 0; i < 5; i++) {
      open.push(await timeInPage(page, "button.case-row", HINT, heading("Fysieke veiligheid")));
      // The triage is step 2's eerste veiligheidsbeoordeling (004 l.27): open step 2, then time its second part.
      await page.locator("nav.steps button", { hasText: "Motorkapoverleg" }).click();
      triage.push(await timeInPage(page, "nav.subnav button", "Eerste veiligheidsbeoordeling", `document.querySelector('[data-testid="triage-result"]')`));
      if (i === 0) await page.screenshot({ path: join(OUT, "20-busy-case-triage.png"), fullPage: true });
      await page.getByRole("button", { name: "← Terug" }).click();
      await page.getByText(HINT).waitFor();
    }
    const unlockStart = Date.now();
    await page.reload();
    await page.getByLabel("Pincode").fill("248613");
    await page.getByRole("button", { name: "Ontgrendel", exact: true }).click();
    await page.getByText(HINT).waitFor();
    const unlockMs = Date.now() - unlockStart;

    const fmt = (xs) => `median ${median(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
    console.log(`busy case (${EVENTS} events): open ${fmt(open)}; switch to triage ${fmt(triage)}; ` +
      `sign-in + first sync ${syncMs} ms; reload + unlock ${unlockMs} ms`);
    check(median(open) < 200, `opening a ${EVENTS}-event case took ${median(open)} ms (target < 200 ms)`);
  }, { args: ["--demo-busy-case", String(EVENTS)] });
});
