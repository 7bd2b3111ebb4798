// The app locks itself after five minutes without a touch; the PIN opens
// it again, offline too, with everything still there.
import { test } from "node:test";
import { join } from "node:path";
import { OUT, phone, signIn, withServerAndBrowser, startCase } from "./lib.mjs";

test("after 5 minutes without a touch the app locks; the PIN brings the case back", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const context = await phone(browser);
    await context.clock.install();
    const page = await context.newPage();
    await signIn(page, server.url, "agent.demo");
    await startCase(page, "Teststraat 5");
    await page.getByRole("heading", { name: /1\. Fysieke veiligheid/ }).waitFor();

    // Four minutes: still open.
    await context.clock.fastForward("04:00");
    await page.getByRole("heading", { name: /1\. Fysieke veiligheid/ }).waitFor();
    // Past five: locked, nothing of the case on screen.
    await context.clock.fastForward("01:30");
    await page.getByLabel("Pincode").waitFor({ timeout: 10_000 });
    if ((await page.getByText("Teststraat 5").count()) > 0) throw new Error("the locked screen shows case data");
    await page.screenshot({ path: join(OUT, "13-locked.png") });

    await context.setOffline(true);
    await page.getByLabel("Pincode").fill("248613");
    await page.getByRole("button", { name: "Ontgrendel", exact: true }).click();
    // Back on the same case and step (issue 17 §1), and the case is in the list.
    await page.getByRole("heading", { name: /1\. Fysieke veiligheid/ }).waitFor();
    await page.getByRole("button", { name: "← Terug" }).click();
    await page.getByText("Teststraat 5").waitFor();
  });
});
