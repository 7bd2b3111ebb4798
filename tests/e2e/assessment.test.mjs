// Nothing unassessed looks safe (issue 12): a new case reads "nog niet beoordeeld", not green;
// "niet acuut" needs every criterion answered and VT's confirmation; "Niet meer acuut" waits for Veilig Thuis's
// confirmation; and a "niet meer acuut" declaration pushed while blockers remain is refused by the
// server (core's admission) and listed as niet verzonden.
import { test } from "node:test";
import { join } from "node:path";
import { OUT, assessment, check, serverCase, signedInPhone, step, synced, tamperNextPush, withServerAndBrowser, startCase } from "./lib.mjs";

const HINT = "Teststraat 21 (beoordeling)";

test("a new case is not assessed and not green; niet meer acuut waits for VT; a forged declaration is refused", async () => {
  await withServerAndBrowser(async ({ server, browser }) => {
    const page = await signedInPhone(browser, server.url, "agent.demo");
    await startCase(page, HINT);
    const status = page.getByTestId("case-status");
    await status.getByText("nog niet beoordeeld").waitFor();
    check((await status.getAttribute("class")).includes("not-assessed"), "a new case has the not-assessed colour, not green");
    await page.screenshot({ path: join(OUT, "50-new-case-not-assessed.png") });

    // Every question answered "nee": nothing counts, but "niet acuut" is VT's eerste
    // veiligheidsbeoordeling: until VT confirms, the header stays "nog niet beoordeeld", never green
    // (regression, UX review stop 36).
    await assessment(page);
    const no = page.getByRole("radio", { name: /: Nee$/ });
    const n = await no.count();
    check(n >= 12, `ten criteria plus access and oversight offer "Nee" (found ${n})`);
    for (let i = 0; i < n; i++) await no.nth(i).click();
    await synced(page, 15_000);
    await status.getByText("nog niet beoordeeld").waitFor();
    check(!(await status.getAttribute("class")).includes("not-acute"), "not green before VT confirmed");
    const result = page.getByTestId("triage-result");
    check((await result.getAttribute("class")).includes("not-assessed"), "the triage's result is not green either");
    check((await result.getByTestId("assessment-pending").innerText()).includes("nog niet bevestigd door Veilig Thuis"), "and says why");
    await result.screenshot({ path: join(OUT, "50b-not-acute-unconfirmed.png") });

    // Step 5: the declaration stays blocked until Veilig Thuis confirmed the assessment.
    await step(page, "Niet meer acuut");
    const declare = page.getByRole("button", { name: "Niet meer acuut", exact: true });
    check(await declare.isDisabled(), "'Niet meer acuut' is blocked without VT's confirmation");
    await page.getByText("Nog niet bevestigd door Veilig Thuis").first().waitFor();
    await page.screenshot({ path: join(OUT, "51-handover-waits-for-vt.png"), fullPage: true });

    // A modified client: the next handover entry is rewritten in transit into a declaration.
    const forged = await tamperNextPush(
      page,
      (e) => e.kind.type === "assigned" && e.kind.assignment.field === "handover",
      (victim) => { victim.kind.assignment = { field: "handover", item: { item: "declared", not_acute: true } }; },
    );
    await page.getByRole("checkbox", { name: "Warme overdracht (vooraf en achteraf gebeld)" }).check();
    const list = page.getByTestId("not-sent");
    await list.waitFor({ timeout: 15_000 });
    const text = await list.innerText();
    // The server re-ran core's rule: core's own Dutch words, not the server's English (issue 17 §6),
    // which stays folded away for support.
    check(text.includes("Reden: Nog niet ‘niet meer acuut’"), `the refusal is listed in core's words: ${text}`);
    check(!text.includes("cannot be declared"), `the server's English shows unasked: ${text}`);
    const said = list.locator("details.server-said");
    await said.locator("summary").click();
    check((await said.innerText()).includes("cannot be declared"), "the server's own line is kept for support");
    await page.screenshot({ path: join(OUT, "52-forged-declaration-refused.png"), fullPage: true });
    const s = await serverCase(server.url, HINT);
    check(forged() && !s.events.some((e) => e.id === forged()), "the forged declaration is not stored");
    check(!s.events.some((e) => e.kind.assignment?.item?.item === "declared"), "no declaration reached the server");
  });
});
