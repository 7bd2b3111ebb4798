// Shared helpers for the browser tests: start the real backend serving the
// web build, launch Debian's chromium, phone-sized contexts.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "../..");
export const OUT = join(ROOT, "tests/e2e/out");
export const PASSWORD = "samenop-demo";
mkdirSync(OUT, { recursive: true });

/** Starts `samenop-server serve --demo` on a free loopback port; resolves with its URL. */
export async function startServer({ dataDir, args = [] } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "samenop-e2e-"));
  const bin = process.env.SAMENOP_SERVER_BIN ?? join(ROOT, "target/release/samenop-server");
  const child = spawn(bin, ["serve", "--demo", "--listen", "127.0.0.1:0", "--data-dir", dir, "--web-dir", join(ROOT, "target/web"), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, RUST_LOG: "warn" },
  });
  const url = await new Promise((ok, fail) => {
    let seen = "";
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${seen}`)), 30_000);
    const look = (chunk) => {
      seen += chunk;
      const m = seen.match(/URL:\s+(http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout.on("data", look);
    child.stderr.on("data", look);
    child.on("exit", (code) => { clearTimeout(timer); fail(new Error(`server exited ${code}:\n${seen}`)); });
  });
  return { url, dir, child, stop: () => new Promise((ok) => { child.once("exit", ok); child.kill("SIGTERM"); }) };
}

export async function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export async function phone(browser) {
  return browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "nl-NL" });
}

/** Signs in as `username` and sets a PIN; ends on "Mijn casussen". */
export async function signIn(page, url, username, pin = "24680") {
  await page.goto(url);
  await page.getByLabel("Gebruikersnaam").fill(username);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.getByLabel("Pincode").fill(pin);
  await page.getByRole("button", { name: "Pincode opslaan" }).click();
  await page.getByText("Mijn casussen").waitFor();
}

export function check(cond, message) {
  if (!cond) throw new Error(message);
}

/** Milliseconds from a click on the element matching `selector` (and text) until `done()` holds in the page, painted. */
export async function timeInPage(page, selector, text, doneSource) {
  return page.evaluate(async ([selector, text, doneSource]) => {
    const done = new Function(`return (${doneSource})`);
    const target = [...document.querySelectorAll(selector)].find((el) => el.textContent.includes(text));
    if (!target) throw new Error(`nothing matches ${selector} with "${text}"`);
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    const t0 = performance.now();
    target.click();
    while (!done()) await frame();
    await frame();
    return performance.now() - t0;
  }, [selector, text, doneSource]);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
