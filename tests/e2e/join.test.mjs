// Two responders in two browsers: police starts a case and answers the
// firearm criterion; VT joins from the list and sees the same result.
import { test } from "node:test";
import { join } from "node:path";
import { OUT, assessment, synced, signedInPhone, withServerAndBrowser, startCase } from "./lib.mjs";

test("VT joins the police case and sees acuut onveilig", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const police = await signedInPhone(browser, server.url, "agent.demo");
    await startCase(police, "Joinstraat 9, achterom");
    await assessment(police);
    await police.getByRole("radio", { name: "Vuurwapen: Ja" }).click();
    await synced(police, 15_000);

    const vt = await signedInPhone(browser, server.url, "vt.demo");
    await vt.getByRole("button", { name: "Aansluiten bij casus" }).click();
    // The list shows the street only (issue 13).
    await vt.locator("button.case-row", { hasText: "Joinstraat" }).click();
    await vt.screenshot({ path: join(OUT, "10-vt-joined.png") });
    // The police entries arrive with the next pull.
    await vt.getByTestId("case-status").getByText("acuut onveilig").waitFor({ timeout: 15_000 });
    await assessment(vt);
    await vt.getByTestId("triage-result").getByText("Uitkomst: acuut onveilig").waitFor();
    await vt.screenshot({ path: join(OUT, "11-vt-sees-triage.png") });
  });
});
