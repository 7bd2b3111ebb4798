// Issue 16 §1 on the web: where the phone has a screen lock that offers the WebAuthn PRF extension, a
// new vault is also bound to it, so the right PIN alone (with this profile's storage and WebCrypto key)
// does not open the cases. Chromium's virtual authenticator stands in for the phone's platform
// authenticator (fingerprint, face, device code). WebAuthn needs a domain, so the page is opened on
// localhost, not 127.0.0.1. Screenshots in tests/e2e/out.
import { test } from "node:test";
import AxeBuilder from "@axe-core/playwright";
import { join } from "node:path";
import { OUT, PASSWORD, check, enterPin, phone, signInOnly, startCase, synced, withServerAndBrowser } from "./lib.mjs";

const PIN = "248613";

/** WCAG 2.2 AA violations axe-core finds on the page, one line each. */
async function axeViolations(page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")}`);
}

async function lock(page) {
  const back = page.getByRole("button", { name: "← Terug" });
  if (await back.count()) await back.click();
  await page.getByRole("button", { name: "Vergrendel" }).click();
  await page.getByLabel("Pincode", { exact: true }).waitFor();
}

/** A phone whose platform authenticator does user verification and PRF (hmac-secret). */
async function phoneWithScreenLock(browser) {
  const context = await phone(browser);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2", ctap2Version: "ctap2_1", transport: "internal", hasResidentKey: true,
      hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true, hasPrf: true,
    },
  });
  return { page, cdp, authenticatorId };
}

test("with a screen lock that offers PRF the vault also needs it: the right PIN alone does not open it, signing in again binds anew", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const url = server.url.replace("127.0.0.1", "localhost");
    const { page, cdp, authenticatorId } = await phoneWithScreenLock(browser);
    await signInOnly(page, url, "agent.demo");
    await enterPin(page, PIN, page.getByText("Mijn casussen").first());
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    check(credentials.length === 1, `expected one credential for the vault, found ${credentials.length}`);
    await startCase(page, "Sleutelstraat 5");
    await page.getByRole("heading", { name: /1\. Fysieke veiligheid/ }).waitFor();
    await synced(page);
    await lock(page);
    // The screen lock and the PIN: opens.
    await enterPin(page, PIN, page.getByText("Sleutelstraat").first());

    // The authenticator no longer holds the vault's credential (as on another phone that has this
    // profile's storage and WebCrypto key, or a declined screen lock): the right PIN does not open,
    // nothing of the case shows, the text says why, and it is not counted as a wrong PIN.
    await lock(page);
    await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
    await enterPin(page, PIN, page.getByTestId("pin-error").filter({ hasText: "schermvergrendeling" }));
    check((await page.getByText("Sleutelstraat").count()) === 0, "the vault opened without its credential");
    check((await page.getByText(/Nog \d+ keer proberen/).count()) === 0, "a refused screen lock counted as a wrong PIN");
    await page.getByRole("button", { name: "Ontgrendel" }).waitFor();
    await page.screenshot({ path: join(OUT, "vault-screen-lock-refused.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(OUT, "vault-screen-lock-refused-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });

    // The way out: sign in again — asked twice, saying it wipes this phone, unsent entries too —
    // a new vault gets a new credential, the synced case comes back.
    await page.getByRole("button", { name: "Inloggen" }).click();
    const warning = page.getByTestId("sign-in-wipes");
    await warning.waitFor();
    check((await warning.innerText()).includes("nog niet verzonden"), `the sign-in says what it wipes: ${await warning.innerText()}`);
    check((await page.getByLabel("Gebruikersnaam").count()) === 0, "one tap does not leave the vault");
    await page.screenshot({ path: join(OUT, "vault-screen-lock-sign-in-wipes.png") });
    await page.getByRole("button", { name: "Toch inloggen en deze telefoon wissen" }).click();
    await page.getByLabel("Gebruikersnaam").fill("agent.demo");
    await page.getByLabel("Wachtwoord").fill(PASSWORD);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await enterPin(page, PIN, page.getByText("Sleutelstraat").first());
    const after = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    check(after.credentials.length === 1, `expected one new credential, found ${after.credentials.length}`);
  });
});

test("without a platform authenticator nothing is asked and the vault opens with the PIN", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const url = server.url.replace("127.0.0.1", "localhost");
    const page = await (await phone(browser)).newPage();
    await signInOnly(page, url, "vt.demo");
    await enterPin(page, PIN, page.getByText("Mijn casussen").first());
    await startCase(page, "Pincodeweg 2");
    await page.getByRole("heading", { name: /1\. Fysieke veiligheid/ }).waitFor();
    await lock(page);
    await enterPin(page, PIN, page.getByText("Pincodeweg").first());
  });
});

test("who chose the screen lock at set-up opens the vault with it alone; the PIN keeps working", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const url = server.url.replace("127.0.0.1", "localhost");
    const { page, cdp, authenticatorId } = await phoneWithScreenLock(browser);
    await signInOnly(page, url, "vt.demo");
    const choice = page.getByTestId("quick-unlock-choice");
    await choice.waitFor();
    await page.screenshot({ path: join(OUT, "vault-screen-lock-choice.png") });
    const setUp = await axeViolations(page);
    check(setUp.length === 0, `set-up with the screen-lock choice: ${setUp.join("; ")}`);
    await choice.check();
    await enterPin(page, PIN, page.getByText("Mijn casussen").first());
    await startCase(page, "Vingerstraat 9");
    await page.getByRole("heading", { name: /1\. Fysieke veiligheid/ }).waitFor();
    await lock(page);

    // One touch, no PIN typed.
    const quick = page.getByTestId("quick-unlock");
    await quick.waitFor();
    await page.screenshot({ path: join(OUT, "vault-screen-lock-unlock.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(OUT, "vault-screen-lock-unlock-dark.png") });
    const dark = await axeViolations(page);
    await page.emulateMedia({ colorScheme: "light" });
    const light = await axeViolations(page);
    check(dark.length === 0 && light.length === 0, `unlock with the screen lock: ${[...light, ...dark].join("; ")}`);
    const box = await quick.boundingBox();
    check(box.height >= 44 && box.width >= 44, `the screen-lock button is ${box.width}x${box.height}`);
    await quick.click();
    await page.getByText("Vingerstraat").first().waitFor();

    // The PIN still opens it.
    await lock(page);
    await enterPin(page, PIN, page.getByText("Vingerstraat").first());

    // Without the authenticator's credential neither way opens.
    await lock(page);
    await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
    await page.getByTestId("quick-unlock").click();
    await page.getByTestId("pin-error").filter({ hasText: "schermvergrendeling" }).waitFor();
    check((await page.getByText("Vingerstraat").count()) === 0, "the vault opened without its credential");
  });
});
