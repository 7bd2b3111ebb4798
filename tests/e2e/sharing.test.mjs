// Issue 14: the motorkapoverleg (step 2) at phone size (390x844). The police
// record a contact with the OM and then share art 9 Wpg information "via OM
// (reguliere lijn)" (004 l.113); before the OM contact the app refuses it next
// to the form and keeps what was typed. VT records what the RvdK shared with it
// on 6.1.e AVG jo 5.2.6 Wmo (004 l.521) and a consultation of the RvdK (004
// l.186). The server holds all of it; the OM contact reaches police only.
// All people and cases are invented.
import { test } from "node:test";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { OUT, api, apiToken, check, serverCase, signedInPhone, startCase, step, synced, withServerAndBrowser } from "./lib.mjs";

async function axeViolations(page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")}`);
}

/** Buttons, selects and inputs smaller than 44 px high that a thumb must hit. */
async function smallTargets(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("main button, main select, main input")]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => el.type !== "checkbox")
      .filter((el) => el.getBoundingClientRect().height < 44)
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("data-field") || "").trim().slice(0, 30)}"`));
}

async function layoutOk(page, what) {
  check((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, `${what}: no sideways scrolling`);
  const small = await smallTargets(page);
  check(small.length === 0, `${what}: tap targets ≥ 44 px: ${small.join("; ")}`);
}

const HINT = "Deelstraat 14, achterom";

test("motorkapoverleg: OM contact before art 9 sharing, RvdK → VT on 5.2.6 Wmo, a consultation", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const police = await signedInPhone(browser, server.url, "agent.demo");
    await startCase(police, HINT);
    await step(police, "Motorkapoverleg");
    const form = police.locator("section.share-form");

    // Art 9 Wpg information before any OM contact: refused next to the form, the text stays.
    await form.getByRole("combobox", { name: "Soort informatie" }).selectOption({ label: "Lopend strafrechtelijk onderzoek (art. 9 Wpg)" });
    const ground = form.getByRole("combobox", { name: "Grondslag" });
    check((await ground.locator("option:checked").textContent()).includes("Via OM"), "art 9 data to VT goes via the OM");
    check((await ground.locator("option").count()) === 1, "only the Bijlage 1 ground of the pair is offered");
    await form.getByLabel("Wat is gedeeld (kort)").fill("Onderzoek naar bedreiging loopt (synthetisch)");
    await form.getByRole("checkbox", { name: "Er is sprake van een zwaarwegend belang" }).check();
    await form.getByRole("button", { name: "Vastleggen" }).click();
    await form.locator(".rule.broken").getByText(/pas delen na contact met het OM/).waitFor();
    check((await form.getByLabel("Wat is gedeeld (kort)").inputValue()).includes("bedreiging"), "the typed text is kept");
    await police.screenshot({ path: join(OUT, "60-share-art9-refused.png"), fullPage: true });
    await form.screenshot({ path: join(OUT, "60a-share-form-refused.png") });

    // The OM contact, then the sharing that refers to it.
    const om = police.locator("section.om-contacts");
    await om.getByLabel("Officier van justitie (naam)").fill("piket-OvJ mr. Synthetisch");
    await om.getByRole("radio", { name: "Ja" }).click();
    await om.getByLabel("Wat mag gedeeld worden (of waarom niet)").fill("Alleen dat er een onderzoek loopt");
    await om.getByRole("button", { name: "Contact met OM vastleggen" }).click();
    await om.getByText(/piket-OvJ mr\. Synthetisch: Ja — Alleen dat er een onderzoek loopt/).waitFor();
    const pick = form.getByRole("combobox", { name: /Contact met OM/ });
    const label = (await pick.locator("option").nth(1).textContent()).trim();
    check(/piket-OvJ mr\. Synthetisch — Ja$/.test(label), `the OM contact is offered: "${label}"`);
    await pick.selectOption({ label });
    await form.getByRole("button", { name: "Vastleggen" }).click();
    await police.locator("ul.shared li", { hasText: "Onderzoek naar bedreiging loopt" }).getByText(/Via OM/).waitFor();
    check((await form.locator(".rule.broken").count()) === 0, "no refusal left after recording");

    // The police consult the OM on protective powers (004 l.187).
    const consult = police.locator("section.consultations");
    await consult.getByRole("combobox", { name: "Overleg over" }).selectOption({ label: "OM: (beschermings)bevoegdheden en opsporing" });
    await consult.getByLabel("Advies (kort)").fill("Contactverbod overwegen");
    await consult.getByRole("button", { name: "Overleg vastleggen" }).click();
    await consult.getByText(/OM \(OM: \(beschermings\)bevoegdheden en opsporing\): Contactverbod overwegen/).waitFor();
    await layoutOk(police, "police motorkapoverleg");
    await police.screenshot({ path: join(OUT, "61-share-police.png"), fullPage: true });
    await om.screenshot({ path: join(OUT, "61a-om-contact.png") });
    await consult.screenshot({ path: join(OUT, "61b-consultation.png") });
    const light = await axeViolations(police);
    check(light.length === 0, `motorkapoverleg meets WCAG 2.2 AA (light): ${light.join("; ")}`);
    await police.emulateMedia({ colorScheme: "dark" });
    await police.screenshot({ path: join(OUT, "62-share-police-dark.png"), fullPage: true });
    await form.screenshot({ path: join(OUT, "62a-share-form-dark.png") });
    await om.screenshot({ path: join(OUT, "62b-om-contact-dark.png") });
    const dark = await axeViolations(police);
    check(dark.length === 0, `motorkapoverleg meets WCAG 2.2 AA (dark): ${dark.join("; ")}`);
    await synced(police, 15_000);

    // VT joins and records what the RvdK shared with it, and its consultation of the RvdK.
    const vt = await signedInPhone(browser, server.url, "vt.demo");
    await vt.getByRole("button", { name: "Aansluiten bij casus" }).click();
    await vt.locator("button.case-row", { hasText: "Deelstraat" }).click();
    await step(vt, "Motorkapoverleg");
    check((await vt.locator("section.om-contacts").count()) === 0, "VT records no OM contact");
    const vform = vt.locator("section.share-form");
    await vform.getByRole("combobox", { name: "Van" }).selectOption({ label: "Raad voor de Kinderbescherming" });
    await vform.getByRole("combobox", { name: "Aan" }).selectOption({ label: "Veilig Thuis" });
    await vform.getByRole("combobox", { name: "Soort informatie" }).selectOption({ label: "Informatie Raad voor de Kinderbescherming" });
    const vground = vform.getByRole("combobox", { name: "Grondslag" });
    const groundText = await vground.locator("option:checked").textContent();
    check(groundText === "Art. 6 lid 1 sub e AVG jo. art. 5.2.6 Wmo", `RvdK → VT defaults to 5.2.6 Wmo, not "${groundText}"`);
    await vform.getByLabel("Wat is gedeeld (kort)").fill("Kinderen bekend bij de Raad (synthetisch)");
    await vform.getByRole("button", { name: "Vastleggen" }).click();
    const refused = vform.locator(".rule.broken");
    await Promise.race([
      vt.locator("ul.shared li", { hasText: "Kinderen bekend bij de Raad" }).waitFor(),
      refused.waitFor().then(async () => { throw new Error(`refused: ${await refused.textContent()}`); }),
    ]);
    await vt.locator("ul.shared li", { hasText: "Kinderen bekend bij de Raad" }).getByText(/5\.2\.6 Wmo/).waitFor();
    const vconsult = vt.locator("section.consultations");
    await vconsult.getByRole("combobox", { name: "Overleg over" }).selectOption({ label: "RvdK: veiligheid van de kinderen, vrijwillig of gedwongen kader" });
    await vconsult.getByLabel("Advies (kort)").fill("Geen spoed-OTS nodig");
    await vconsult.getByRole("button", { name: "Overleg vastleggen" }).click();
    await vconsult.getByText(/Geen spoed-OTS nodig/).waitFor();
    await layoutOk(vt, "VT motorkapoverleg");
    await vt.screenshot({ path: join(OUT, "63-share-vt.png"), fullPage: true });
    await vform.screenshot({ path: join(OUT, "63a-share-form-vt.png") });
    await vt.locator("ul.shared").first().screenshot({ path: join(OUT, "63b-shared-vt.png") });
    check((await vt.getByText("piket-OvJ").count()) === 0, "VT's phone shows no OM contact");
    // The police's art 9 item reaches VT, though the OM contact behind it does not.
    await vt.locator("ul.shared li", { hasText: "Onderzoek naar bedreiging loopt" }).waitFor({ timeout: 15_000 });
    await synced(vt, 15_000);

    // The server holds it. The police shift lead sees the OM contact and the
    // police's consultation, not VT's RvdK consultation nor the RvdK → VT item.
    const { caseId, summary } = await serverCase(server.url, HINT);
    check(summary.om_contacts.length === 1, `one OM contact in the lead's summary: ${summary.om_contacts.length}`);
    check(summary.consultations.length === 1, `the police consultation only: ${summary.consultations.length}`);
    check(summary.shared.some((s) => s.record.legal_ground === "via_om" && s.record.om_contact_id), "art 9 item refers to the OM contact");
    check(!summary.shared.some((s) => s.record.from === "rvdk"), "RvdK → VT is not the police's to see");
    const vtToken = await apiToken(server.url, "vt.demo");
    const vtSummary = await api(server.url, `/api/v1/cases/${caseId}/summary`, { token: vtToken }).catch(() => null);
    if (vtSummary) {
      check(vtSummary.shared.some((s) => s.record.from === "rvdk" && s.record.legal_ground === "avg_wmo526"), "RvdK → VT on 5.2.6 Wmo reached the server");
      check(vtSummary.om_contacts.length === 0, "no OM contact for VT");
    } else {
      const page = await api(server.url, "/api/v1/events", { token: vtToken });
      check(page.events.some((e) => e.kind.type === "information_shared" && e.kind.record.legal_ground === "avg_wmo526"), "RvdK → VT on 5.2.6 Wmo reached the server");
      check(!page.events.some((e) => e.kind.type === "om_contacted"), "no OM contact for VT");
    }
  });
});
