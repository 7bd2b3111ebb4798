// Browser smoke test: the web build served by the real backend, Debian
// chromium at phone size: sign in, start a case, answer the firearm
// criterion "ja", see "acuut onveilig". Screenshots in tests/e2e/out.
import { test } from "node:test";
import { join } from "node:path";
import { OUT, assessment, check, phone, signIn, synced, withServerAndBrowser } from "./lib.mjs";

test("sign in, start a case, firearm ja shows acuut onveilig", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const t0 = Date.now();
    await page.goto(server.url);
    await page.getByLabel("Gebruikersnaam").waitFor();
    const firstScreenMs = Date.now() - t0;
    await page.screenshot({ path: join(OUT, "01-login.png") });

    await signIn(page, server.url, "agent.demo");
    await page.screenshot({ path: join(OUT, "02-cases.png") });

    await page.getByRole("button", { name: "Start casus" }).click();
    await page.getByRole("heading", { name: /1\. Fysieke veiligheid/ }).waitFor();
    await page.screenshot({ path: join(OUT, "03-step1.png"), fullPage: true });

    await assessment(page);
    await page.getByRole("radio", { name: "Vuurwapen: Ja" }).click();
    const result = page.getByTestId("triage-result");
    await result.getByText("Uitkomst: acuut onveilig").waitFor();
    await page.screenshot({ path: join(OUT, "04-triage-acuut.png") });
    check((await page.getByTestId("case-status").innerText()) === "acuut onveilig", "status pill shows acuut onveilig");

    // Every step at phone size, for the record.
    const steps = [["Motorkapoverleg", "05-step2"], ["Veiligheidsmaatregelen", "06-step4"], ["Niet meer acuut", "07-step5"]];
    for (const [name, file] of steps) {
      await page.getByRole("button", { name: new RegExp(name) }).first().click();
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.screenshot({ path: join(OUT, `${file}.png`), fullPage: true });
    }
    await page.getByRole("button", { name: "Samenvatting" }).click();
    await page.getByTestId("summary").getByText("acuut onveilig").first().waitFor();
    await page.screenshot({ path: join(OUT, "08-summary.png"), fullPage: true });

    // The event reaches the server: the badge settles on synced.
    await synced(page, 15_000);
    console.log(`first screen usable after ${firstScreenMs} ms`);
  });
});
