// Issue 16 §2: sign-out wipes the phone; an account disabled on the server wipes the phone at its
// next sync and says why; past the no-sync limit (a fake clock 73 h ahead) the PIN no longer opens
// the cases until an online sign-in, which sends the unsent entry first. Screenshots in tests/e2e/out.
import { test } from "node:test";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { OUT, PASSWORD, ROOT, check, phone, serverCase, signIn, signedInPhone, startCase, synced, withServerAndBrowser } from "./lib.mjs";

/** The vault's records in this page's storage (preferences are `samenop-…`, not `samenop.…`). */
async function vaultKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("samenop.")));
}

/** Runs `samenop-server users …` against the test server's database. */
function users(server, args) {
  const bin = process.env.SAMENOP_SERVER_BIN ?? join(ROOT, "target/release/samenop-server");
  return new Promise((ok, fail) => {
    const child = spawn(bin, ["users", ...args, "--data-dir", server.dir], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("exit", (code) => (code === 0 ? ok(out) : fail(new Error(`users ${args.join(" ")}: ${code}\n${out}`))));
  });
}

async function backToList(page) {
  await page.getByRole("button", { name: "← Terug" }).click();
  await page.getByText("Mijn casussen").first().waitFor();
}

test("sign-out asks once, sends first, and leaves nothing of the vault", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await signedInPhone(browser, server.url, "agent.demo");
    await startCase(page, "Teststraat 16 (afmelden)");
    await page.getByTestId("case-status").waitFor();
    await backToList(page);
    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-out-confirm").waitFor();
    await page.screenshot({ path: join(OUT, "160-sign-out-asked.png") });
    await page.getByTestId("sign-out-yes").click();
    await page.getByLabel("Gebruikersnaam").waitFor();
    check((await vaultKeys(page)).length === 0, `vault records left: ${await vaultKeys(page)}`);
    // What the phone held reached the server before the wipe.
    check((await serverCase(server.url, "Teststraat 16 (afmelden)")).distinct >= 1, "the case reached the server");
    await page.reload();
    await page.getByLabel("Gebruikersnaam").waitFor();
    check((await page.getByLabel("Pincode").count()) === 0, "no PIN screen after sign-out");
    check((await vaultKeys(page)).length === 0, "still nothing after a reload");
  });
});

test("an account disabled on the server wipes the phone at its next sync and says why", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await signedInPhone(browser, server.url, "vt.demo");
    await synced(page);
    const out = await users(server, ["disable", "--username", "vt.demo"]);
    check(/disabled vt\.demo/.test(out), out);
    await page.getByText("Dit account is uitgeschakeld").waitFor({ timeout: 20_000 });
    await page.getByLabel("Gebruikersnaam").waitFor();
    await page.screenshot({ path: join(OUT, "161-disabled-wiped.png") });
    check((await vaultKeys(page)).length === 0, `vault records left: ${await vaultKeys(page)}`);
    await page.reload();
    await page.getByLabel("Gebruikersnaam").waitFor();
    check((await page.getByLabel("Pincode").count()) === 0, "no PIN screen after the wipe");
  });
});

test("past the no-sync limit the PIN asks for an online sign-in, which sends the unsent entry first", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const context = await phone(browser);
    await context.clock.install();
    const page = await context.newPage();
    await signIn(page, server.url, "agent.demo");
    await synced(page);
    // Offline, an entry that cannot be sent.
    await context.setOffline(true);
    await startCase(page, "Teststraat 72 (offline)");
    await page.getByTestId("case-status").waitFor();
    await backToList(page);
    // 73 hours later: locked by then, and past the 72 h limit.
    await context.clock.fastForward(73 * 3600 * 1000);
    await page.getByLabel("Pincode").waitFor({ timeout: 10_000 });
    await context.setOffline(false);
    await page.getByLabel("Pincode").fill("248613");
    await page.getByRole("button", { name: "Ontgrendel", exact: true }).click();
    await page.getByRole("heading", { name: "Opnieuw aanmelden" }).waitFor();
    await page.getByTestId("reauth-unsent").waitFor();
    check((await page.getByText("Teststraat 72").count()) === 0, "no case data before the sign-in");
    await page.screenshot({ path: join(OUT, "162-no-sync-limit.png") });
    await page.getByLabel("Wachtwoord").fill(PASSWORD);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.getByText("Mijn casussen").first().waitFor({ timeout: 20_000 });
    await page.getByText("Teststraat 72").first().waitFor();
    check((await serverCase(server.url, "Teststraat 72 (offline)")).distinct >= 1, "the unsent entry reached the server");
  });
});
