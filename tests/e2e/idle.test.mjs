// Issue 18 §3: push-style sync. An idle signed-in phone keeps one pull
// waiting on the server (wait=25) instead of polling every 2 s: count its
// sync requests over 60 s. Then a colleague's entry: the time from the push
// answer on phone A to the entry shown on phone B, over 24 entries; the
// figures are printed (p50/p95), only a generous bound is asserted.
// A shift lead's phone idles on the region's case list beside them: its
// waiting pull answers only when the region changed, so it asks for the
// list only then; then a colleague opens 20 cases one by one, each timed
// from the push answer to its row on the lead's list.
import { test } from "node:test";
import { agentOpening, api, apiToken, check, deviceSummary, launch, listHint, logger, median, phone, signIn, startCase, startServer, synced, assessment, uuidv7 } from "./lib.mjs";

const IDLE_MS = 60_000;
const ENTRIES = 24;
const NEW_CASES = 20;

/** agent.demo opens one case with address hint `hint` from their device `device_id` (over the API). */
async function colleagueOpens(url, token, device_id, hint) {
  const event = agentOpening(device_id, { hint });
  const res = await api(url, "/api/v1/events", { token, method: "POST", body: { device_id, events: [event] } });
  check(res.results[0].outcome === "applied", `the colleague's opening is applied: ${JSON.stringify(res.results)}`);
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Counts the page's sync requests (pull and push: /api/v1/events) and all API requests. */
function countRequests(page) {
  const counts = { sync: 0, api: 0, counting: false };
  page.on("request", (r) => {
    if (!counts.counting) return;
    const path = new URL(r.url()).pathname;
    if (path.startsWith("/api/")) counts.api++;
    if (path === "/api/v1/events") counts.sync++;
  });
  return counts;
}

test("an idle phone and an idle shift lead ask ≤ 3 times a minute; a colleague's entry shows within a second", async () => {
  const log = logger("idle");
  const server = await startServer();
  const browser = await launch();
  const hint = "Wachtstraat 18 (idle)";
  try {
    const a = await (await phone(browser)).newPage();
    const b = await (await phone(browser)).newPage();
    const lead = await (await phone(browser)).newPage();
    await signIn(a, server.url, "agent.demo");
    await signIn(b, server.url, "vt.demo");
    await signIn(lead, server.url, "lead.demo", "248613", "Casussen in de regio");
    await lead.locator("button.lead-row").first().waitFor();
    await startCase(a, hint);
    await synced(a);
    await b.getByRole("button", { name: "Aansluiten bij casus" }).click();
    await b.locator("button.case-row", { hasText: listHint(hint) }).click();
    await b.getByRole("heading", { level: 1 }).waitFor();
    await synced(b);
    await assessment(a);
    await deviceSummary(b);
    await synced(a);
    await synced(b);
    // Let the join and the first answers settle before counting.
    await new Promise((ok) => setTimeout(ok, 2_000));

    // Idle: both phones signed in, on a case, untouched for a minute; the
    // lead's phone on the region's case list.
    const counted = [countRequests(a), countRequests(b)];
    const leadCount = countRequests(lead);
    for (const c of [...counted, leadCount]) c.counting = true;
    await new Promise((ok) => setTimeout(ok, IDLE_MS));
    for (const c of [...counted, leadCount]) c.counting = false;
    const perMinute = counted.map((c) => (c.sync * 60_000) / IDLE_MS);
    const idleLine = `idle over ${IDLE_MS / 1000} s: sync requests A ${counted[0].sync}, B ${counted[1].sync} ` +
      `(all API requests A ${counted[0].api}, B ${counted[1].api}); ` +
      `shift lead on the case list: all API requests ${leadCount.api} (sync ${leadCount.sync})`;
    console.log(idleLine);
    log(idleLine);
    // ≤ 3 a minute, plus one for a waiting pull that began just before the count.
    for (const n of perMinute) check(n <= 4, `an idle phone made ${n} sync requests in a minute: ${idleLine}`);
    // The lead's list asks only when the region changed: every request counts, not only pulls.
    check((leadCount.api * 60_000) / IDLE_MS <= 4, `the idle lead's phone asked too often: ${idleLine}`);

    // A colleague's entry: push answered on A → shown on B.
    await b.evaluate(() => {
      window.__counts = [];
      const read = () => parseInt(document.querySelector("[data-testid=event-count]")?.innerText ?? "", 10);
      let last = read();
      new MutationObserver(() => {
        const n = read();
        if (Number.isFinite(n) && n !== last) {
          last = n;
          window.__counts.push({ n, t: Date.now() });
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const radios = a.locator("fieldset [role=radio]");
    const options = await radios.count();
    const latencies = [];
    let shown = (await deviceSummary(b)).count;
    for (let i = 0; i < ENTRIES; i++) {
      const pushed = a.waitForResponse(
        (r) => new URL(r.url()).pathname === "/api/v1/events" && r.request().method() === "POST" && r.ok(),
        { timeout: 5_000 },
      );
      await radios.nth(i % options).click();
      await pushed;
      const tPush = Date.now();
      const seen = await b.waitForFunction(
        (after) => window.__counts.find((c) => c.n > after),
        shown,
        { timeout: 5_000, polling: 10 },
      ).then((h) => h.jsonValue());
      shown = seen.n;
      latencies.push(Math.max(0, seen.t - tPush));
      // Quiet between entries, so each one meets a waiting pull.
      await new Promise((ok) => setTimeout(ok, 700));
    }
    const line = `colleague's entry, push answered on A → shown on B over ${latencies.length} entries: ` +
      `p50 ${median(latencies)} ms, p95 ${percentile(latencies, 95)} ms, max ${Math.max(...latencies)} ms`;
    console.log(line);
    log(`${line}; all: ${latencies.join(",")}`);
    check(latencies.every((ms) => ms < 5_000), line);

    // A colleague's new case on the lead's list: push answered → row shown.
    await lead.evaluate(() => {
      window.__rows = {};
      const look = () => {
        for (const h of document.querySelectorAll("button.lead-row .hint")) {
          const text = h.innerText;
          if (!(text in window.__rows)) window.__rows[text] = Date.now();
        }
      };
      look();
      new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const colleague = await apiToken(server.url, "agent.demo");
    const colleagueDevice = uuidv7();
    const leadLatencies = [];
    for (let i = 0; i < NEW_CASES; i++) {
      const newHint = `Meldweg ${i + 1} (synthetisch)`;
      await colleagueOpens(server.url, colleague, colleagueDevice, newHint);
      const tPush = Date.now();
      const seenAt = await lead.waitForFunction((h) => window.__rows[h], newHint, { timeout: 10_000, polling: 10 })
        .then((h) => h.jsonValue());
      leadLatencies.push(Math.max(0, seenAt - tPush));
      // Quiet between cases (past the server's one-second spacing of a lead's answers).
      await new Promise((ok) => setTimeout(ok, 1_200));
    }
    const leadLine = `a colleague's new case, push answered → row on the lead's list over ${leadLatencies.length} cases: ` +
      `p50 ${median(leadLatencies)} ms, p95 ${percentile(leadLatencies, 95)} ms, max ${Math.max(...leadLatencies)} ms`;
    console.log(leadLine);
    log(`${leadLine}; all: ${leadLatencies.join(",")}`);
    check(leadLatencies.every((ms) => ms < 5_000), leadLine);
  } finally {
    await browser.close();
    await server.stop();
  }
});
