// Step 5 while only the police keep the suspect away (art. 3 Pw; 002 l.1112-1113, 004 l.307): on a
// phone the case with a threat of violence reads "tijdelijk opgeheven" once the police keep the
// suspect away, yet "Niet meer acuut" stays blocked with the reason, until something holds after the
// police leave (here the arrest, which step 5 then asks to record as a measure). Screenshots light
// and dark.
import { test } from "node:test";
import { join } from "node:path";
import { OUT, assessment, check, signedInPhone, startCase, step, until, withServerAndBrowser } from "./lib.mjs";

const HINT = "Teststraat 41 (art. 3 Pw)";
const BLOCKER = "Alleen de politie houdt de verdachte nu weg (art. 3 Pw)";

test("niet meer acuut waits while only art. 3 Pw keeps the suspect away, and not after an arrest", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await signedInPhone(browser, server.url, "agent.demo");
    await startCase(page, HINT);
    const status = page.getByTestId("case-status");

    await assessment(page);
    const no = page.getByRole("radio", { name: /: Nee$/ });
    const n = await no.count();
    for (let i = 0; i < n; i++) await no.nth(i).click();
    await page.getByRole("radio", { name: /^Dreiging met geweld.*: Ja$/ }).click();
    await page.getByRole("radio", { name: "Heeft verdachte toegang tot het slachtoffer of derden?: Ja" }).click();
    await status.getByText("acuut onveilig", { exact: true }).waitFor();
    await page.getByRole("checkbox", { name: /art\. 3 Pw/ }).check();
    await status.getByText("tijdelijk opgeheven").waitFor();
    check(await page.getByText("Opnieuw beoordelen vóór de politie vertrekt").count() >= 1, "the triage asks to reassess before the police leave");

    await step(page, "Niet meer acuut");
    const blocker = page.getByText(BLOCKER);
    await blocker.waitFor();
    // One tap from the top of step 5 to what blocks and the button (UX review, stop 36).
    const jump = page.getByTestId("jump-to-declaration");
    check((await jump.innerText()).includes("Eerst nodig voor ‘Niet meer acuut’"), `the jump says where step 5 stands: ${await jump.innerText()}`);
    await jump.click();
    // In view and not under the sticky header.
    await until(() => page.getByTestId("handover-blockers").evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      const header = document.querySelector("header.bar")?.getBoundingClientRect().bottom ?? 0;
      return top >= header - 1 && top < innerHeight;
    }), { what: "the blockers scrolled into view below the header" });
    await page.screenshot({ path: join(OUT, "97-step5-after-jump.png") });
    await page.getByRole("heading", { level: 1, name: /Niet meer acuut/ }).waitFor();
    const declare = page.getByRole("button", { name: "Niet meer acuut", exact: true });
    check(await declare.isDisabled(), "'Niet meer acuut' is blocked while only the police keep him away");
    const sideways = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
    check(sideways <= 0, `step 5 scrolls sideways by ${sideways} px`);
    await blocker.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "95-step5-art3-pw-blocks.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(OUT, "96-step5-art3-pw-blocks-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });

    // The arrest holds after the police leave: the reason goes (other blockers may remain).
    await assessment(page);
    await page.getByRole("checkbox", { name: /artikel 53 WvSv/ }).check();
    await step(page, "Niet meer acuut");
    await page.getByRole("heading", { level: 1, name: /Niet meer acuut/ }).waitFor();
    await page.getByText(BLOCKER).waitFor({ state: "detached" });
    // Schema 5 (002 l.449-450, l.1100-1103): the arrest the case now rests on is recorded as a
    // measure first, so the OvJ's decision and the re-assessment before release are on the board.
    await page.getByText("leg de aanhouding vast als maatregel").waitFor();
    check(await declare.isDisabled(), "'Niet meer acuut' waits for the arrest recorded as a measure");
  });
});
