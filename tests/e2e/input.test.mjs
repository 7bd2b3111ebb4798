// Issue 17 §1 and §6: a refused input keeps what was typed and says why in
// Dutch beside the field; the auto-lock and a reload return to the same
// step with the half-typed text; a wrong password is named as such.
import { test } from "node:test";
import { join } from "node:path";
import { OUT, PASSWORD, assessment, check, phone, signIn, startCase, step, withServerAndBrowser } from "./lib.mjs";

const HUISVERBOD = "Bestuursrechtelijk: Tijdelijk huisverbod (in beginsel 10 dagen)";

test("a future breakup date is refused beside its field and stays typed", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await signIn(page, server.url, "agent.demo");
    await startCase(page, "Invoerstraat 1");
    await assessment(page);
    const a4 = page.locator("fieldset", { hasText: "Intiem terreur of geweld bij recent verbroken relatie" }).first();
    await a4.getByRole("radio", { name: "Ja" }).click();
    const date = page.getByTestId("breakup-date");
    await date.fill("2099-01-01");
    const error = page.getByTestId("breakup-error");
    await error.waitFor();
    const words = await error.textContent();
    check(/toekomst/.test(words), `not a Dutch reason beside the date: ${words}`);
    check((await date.inputValue()) === "2099-01-01", "the refused date was cleared");
    // Beside the field: right below it, on screen together.
    const [d, e] = [await date.boundingBox(), await error.boundingBox()];
    check(e.y > d.y && e.y - (d.y + d.height) < 80, `the message is not next to the date field (${d.y} / ${e.y})`);
    await date.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "input-breakup-future.png") });
  });
});

test("a refused 'Afspreken' says why under the button, not in the top banner, and the typed contact stays", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await signIn(page, server.url, "agent.demo");
    await startCase(page, "Invoerstraat 4");
    await step(page, "Veiligheidsmaatregelen");
    await page.getByRole("combobox", { name: /^Maatregel/ }).selectOption({ label: HUISVERBOD });
    // Core refuses a measure that starts in the future (a one-off command).
    await page.getByLabel("Ingegaan om").fill("2099-01-01T12:00");
    const contact = page.getByLabel("Aanspreekpunt voor deze maatregel (naam, optioneel)");
    await contact.fill("K. Getypt");
    const agree = page.getByRole("button", { name: "Afspreken" });
    const form = page.locator("section.card", { has: agree });
    await form.getByLabel("Telefoon", { exact: true }).fill("0800-0000004");
    await agree.click();
    const error = form.getByTestId("control-error");
    await error.waitFor();
    const words = await error.textContent();
    check(/toekomst/.test(words), `not core's Dutch reason under 'Afspreken': ${words}`);
    const [b, e] = [await agree.boundingBox(), await error.boundingBox()];
    check(e.y > b.y && e.y - (b.y + b.height) < 120, `the message is not next to the button (${b.y} / ${e.y})`);
    check((await page.locator("div.error[role=alert]").count()) === 0, "the refusal also went to the top banner");
    check((await contact.inputValue()) === "K. Getypt", "the typed contact was wiped");
    check((await page.locator("article.measure").count()) === 0, "a refused measure was recorded");
    await agree.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "input-agree-refused.png") });
  });
});

test("a huisverbod 'tot' 2099 is refused beside the field; contact details stay; reload and auto-lock return with drafts", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const context = await phone(browser);
    await context.clock.install();
    const page = await context.newPage();
    await signIn(page, server.url, "agent.demo");
    await startCase(page, "Invoerstraat 2");
    await step(page, "Veiligheidsmaatregelen");
    await page.getByRole("combobox", { name: /^Maatregel/ }).selectOption({ label: HUISVERBOD });
    await page.getByRole("button", { name: "Afspreken" }).click();
    const card = page.locator("article.measure").first();
    await card.waitFor();
    await card.locator("summary").click();
    await card.getByLabel("Naam", { exact: true }).fill("K. Aanspreek");
    await card.getByLabel("Telefoon", { exact: true }).fill("0800-0000009");
    const until = card.getByTestId("moment-Until");
    await until.locator("input").fill("2099-01-01T12:00");
    await until.getByRole("button", { name: "Opslaan" }).click();
    const error = until.locator(".field-error");
    await error.waitFor();
    const words = await error.textContent();
    check(/tien dagen/.test(words), `not the Dutch ten-day reason beside 'tot': ${words}`);
    check((await until.locator("input").inputValue()) === "2099-01-01T12:00", "the refused 'tot' was cleared");
    check((await card.getByLabel("Naam", { exact: true }).inputValue()) === "K. Aanspreek", "contact name wiped");
    check((await card.getByLabel("Telefoon", { exact: true }).inputValue()) === "0800-0000009", "contact phone wiped");
    check((await page.locator("div.error[role=alert]").count()) === 0, "the refusal also went to the top banner");
    // "tot 2020": before the case.
    await until.locator("input").fill("2020-01-01T12:00");
    await until.getByRole("button", { name: "Opslaan" }).click();
    await until.locator(".field-error", { hasText: "vóór het begin" }).waitFor();
    await until.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "input-until-refused.png") });

    // Half-typed in the new-measure form, then a reload.
    const add = page.getByLabel("Aanspreekpunt voor deze maatregel (naam, optioneel)");
    await add.fill("Half getypt");
    await page.reload();
    await page.getByLabel("Pincode").fill("248613");
    await page.getByRole("button", { name: "Ontgrendel", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: /Veiligheidsmaatregelen/ }).waitFor();
    check((await add.inputValue()) === "Half getypt", "the draft did not come back after a reload");
    const card2 = page.locator("article.measure").first();
    check((await card2.getByLabel("Naam", { exact: true }).inputValue()) === "K. Aanspreek", "contact draft lost on reload");
    // Nothing typed lies in browser storage as plain text.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    check(!stored.includes("Half getypt") && !stored.includes("K. Aanspreek"), "a draft is in localStorage in plaintext");

    // The auto-lock after five minutes, then the PIN: same step, same draft.
    await add.fill("Nog meer getypt");
    await context.clock.fastForward("05:30");
    await page.getByLabel("Pincode").waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(OUT, "input-locked.png") });
    await page.getByLabel("Pincode").fill("248613");
    await page.getByRole("button", { name: "Ontgrendel", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: /Veiligheidsmaatregelen/ }).waitFor();
    check((await add.inputValue()) === "Nog meer getypt", "the draft did not come back after the auto-lock");
    await page.screenshot({ path: join(OUT, "input-after-unlock.png") });
  });
});

test("a wrong password says so, in Dutch only, beside the button", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await page.goto(server.url);
    // The server lives under "Geavanceerd", defaulting to this page's origin.
    const advanced = page.locator("details.advanced");
    check(!(await advanced.evaluate((d) => d.open)), "the server field is not tucked away");
    await advanced.locator("summary").click();
    const origin = new URL(server.url).origin;
    check((await page.getByLabel("Server").inputValue()) === origin, "the server is not this page's origin");
    await page.getByLabel("Gebruikersnaam").fill("agent.demo");
    await page.getByLabel("Wachtwoord").fill(PASSWORD + "-fout");
    await page.getByRole("button", { name: "Inloggen" }).click();
    const error = page.getByTestId("login-error");
    await error.waitFor();
    const words = (await error.textContent()).trim();
    check(words === "Gebruikersnaam of wachtwoord onjuist.", `wrong-password message: ${words}`);
    check((await page.getByLabel("Gebruikersnaam").inputValue()) === "agent.demo", "the username was cleared");
    await page.screenshot({ path: join(OUT, "input-wrong-password.png") });
  });
});
