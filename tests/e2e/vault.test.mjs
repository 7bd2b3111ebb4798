// The vault on a lost or copied phone (issue 16): the PIN rule under the
// field, ten wrong PINs wipe the vault, and a vault copied into another
// browser profile does not open with the right PIN (its WebCrypto key
// stays behind in the first profile's IndexedDB).
import { test } from "node:test";
import { join } from "node:path";
import { OUT, check, enterPin, phone, signInOnly, startCase, withServerAndBrowser } from "./lib.mjs";

const PIN = "248613";
const WRONG = "739462";

test("a guessable PIN is refused under the field; ten wrong PINs wipe the vault", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const context = await phone(browser);
    await context.clock.install();
    const page = await context.newPage();
    await signInOnly(page, server.url, "agent.demo");
    const field = page.getByLabel("Pincode");
    check((await field.getAttribute("autocomplete")) === "off", "the PIN field offers to save the PIN");
    check((await field.getAttribute("inputmode")) === "numeric", "the PIN field is not numeric");

    for (const [pin, words] of [["123456", "Te makkelijk"], ["250585", "datum"], ["4821", "minstens 6"]]) {
      await field.fill(pin);
      await field.press("Enter");
      await page.getByTestId("pin-error").filter({ hasText: words }).waitFor();
      check(await field.evaluate((el) => el === document.activeElement), `the PIN field lost focus after ${pin}`);
    }
    await page.screenshot({ path: join(OUT, "vault-pin-refused.png") });
    await enterPin(page, PIN, page.getByText("Mijn casussen").first());
    await startCase(page, "Kluisstraat 3");
    await page.getByRole("heading", { name: /1\. Fysieke veiligheid/ }).waitFor();
    await page.getByRole("button", { name: "← Terug" }).click();

    // Locked and opened again: the figure for the report (Argon2id in wasm).
    await page.getByRole("button", { name: "Vergrendel" }).click();
    const ms = await enterPin(page, PIN, page.getByText("Kluisstraat").first());
    console.log(`unlock in headless chromium (wasm, Argon2id 46 MiB t=2): ${ms} ms`);
    // The same on a mid-range phone profile: Lighthouse's mobile preset
    // slows the CPU 4x (issue 16 §1: unlock under 1 s is the target; a
    // figure for the note, not a timed assertion).
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.getByRole("button", { name: "Vergrendel" }).click();
    const slow = await enterPin(page, PIN, page.getByText("Kluisstraat").first());
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    console.log(`unlock with the CPU slowed 4x (mid-range phone profile): ${slow} ms`);

    await page.getByRole("button", { name: "Vergrendel" }).click();
    for (let i = 1; i <= 9; i++) {
      // Past any wait the earlier wrong PINs earned.
      await context.clock.fastForward("00:31");
      await enterPin(page, WRONG, page.getByTestId("pin-error").filter({ hasText: `Nog ${10 - i} keer proberen` }));
    }
    await page.screenshot({ path: join(OUT, "vault-tries-left.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(OUT, "vault-tries-left-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });
    await context.clock.fastForward("00:31");
    await enterPin(page, WRONG, page.getByTestId("pin-error").filter({ hasText: "Tien keer een onjuiste pincode" }));
    const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("samenop.log") || k.startsWith("samenop.meta")));
    check(left.length === 0, `vault left in storage: ${left.join(", ")}`);
    await page.screenshot({ path: join(OUT, "vault-wiped.png") });
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.getByLabel("Gebruikersnaam").waitFor();
    // A reload finds no vault: sign in, nothing to unlock.
    await page.reload();
    await page.getByLabel("Gebruikersnaam").waitFor();
    check((await page.getByText("Kluisstraat").count()) === 0, "case data shown after the wipe");
  });
});

test("a vault copied into a fresh browser profile does not open with the right PIN", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const home = await (await phone(browser)).newPage();
    await signInOnly(home, server.url, "agent.demo");
    await enterPin(home, PIN, home.getByText("Mijn casussen").first());
    await startCase(home, "Kopiestraat 8");
    await home.getByRole("heading", { name: /1\. Fysieke veiligheid/ }).waitFor();
    const copied = await home.evaluate(() => Object.entries(localStorage));

    // Another profile: the same origin's localStorage, no IndexedDB key.
    const page = await (await phone(browser)).newPage();
    await page.goto(server.url);
    await page.evaluate((entries) => { for (const [k, v] of entries) localStorage.setItem(k, v); }, copied);
    await page.reload();
    await page.getByLabel("Pincode").waitFor();
    await enterPin(page, PIN, page.getByTestId("pin-error").filter({ hasText: "Log opnieuw in" }));
    check((await page.getByText("Kopiestraat").count()) === 0, "the copied vault showed case data");
    await page.getByRole("button", { name: "Inloggen" }).waitFor();
    await page.screenshot({ path: join(OUT, "vault-other-profile.png") });

    // At home the same vault still opens.
    await home.getByRole("button", { name: "← Terug" }).click();
    await home.getByRole("button", { name: "Vergrendel" }).click();
    await enterPin(home, PIN, home.getByText("Kopiestraat").first());
  });
});
