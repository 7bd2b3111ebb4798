// Issue 14 part 2 (004 l.302-303): one agreement for the whole case. Step 5 names the missing eerste
// aanspreekpunt voor het totaal aan veiligheidsmaatregelen; step 4's "Afspraken voor de hele casus"
// agrees it and, with one tap on a suggestion, a call rule (nothing is added by itself); the server
// stores both and the summary shows them. Screenshot of step 4 at 390 px in tests/e2e/out.
import { test } from "node:test";
import { join } from "node:path";
import { OUT, agreeCaseFirstContact, check, deviceSummary, serverCase, signedInPhone, step, synced, withServerAndBrowser, startCase } from "./lib.mjs";

const HINT = "Teststraat 14 (afspraken)";

test("handover names the missing case-level first contact until step 4 agrees it; call rules only when tapped", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await signedInPhone(browser, server.url, "agent.demo");
    await startCase(page, HINT);

    await step(page, "Niet meer acuut");
    await page.getByText("Spreek eerst af wie eerste aanspreekpunt is").first().waitFor();

    await step(page, "Veiligheidsmaatregelen");
    const card = page.getByTestId("case-agreement");
    await card.getByText("Nog niet afgesproken").waitFor();
    check(await card.locator(".arrangement").count() === 0, "no call rule is agreed by itself");
    await agreeCaseFirstContact(page, { party: "Politie", name: "Agent T. Proef", phone: "0800-0000001" });
    await card.getByRole("button", { name: /bij vrijlating van de verdachte/ }).click();
    await card.getByText("☎ Politie → Veilig Thuis: bij vrijlating van de verdachte of een nieuw incident").waitFor();
    check(await card.getByRole("button", { name: /bij vrijlating/ }).count() === 0, "a tapped suggestion is no longer offered");
    // Removing an agreed rule asks first (UX review, stop 36): cancelled, it stays.
    await card.getByRole("button", { name: "Regel verwijderen" }).click();
    await card.getByTestId("confirm").getByText("Deze afspraak verwijderen?").waitFor();
    await card.getByTestId("confirm-no").click();
    check(await card.locator(".arrangement").count() === 1, "a cancelled removal keeps the rule");
    await page.screenshot({ path: join(OUT, "60-step4-case-agreement.png"), fullPage: true });
    await card.locator("h2").evaluate((el) => el.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: join(OUT, "61-step4-case-agreement-card.png") });

    await step(page, "Niet meer acuut");
    check(await page.getByText("Spreek eerst af wie eerste aanspreekpunt is").count() === 0, "the blocker is gone once agreed");

    await synced(page);
    const s = await serverCase(server.url, HINT);
    const fields = s.events.map((e) => e.kind.assignment?.field);
    check(fields.includes("case_first_contact") && fields.includes("case_call_tree"), `the server holds the agreement: ${fields}`);
    const { text } = await deviceSummary(page);
    for (const part of ["Afspraken voor de hele casus", "Agent T. Proef (Politie), 0800-0000001", "Politie → Veilig Thuis: bij vrijlating"]) {
      check(text.includes(part), `the summary says "${part}": ${text}`);
    }
  });
});
