// A small fault-injecting HTTP proxy on loopback, between the app and the
// backend. While `faulty` is on, sync requests (/api/v1/events) meet, in a
// fixed rotation so every kind occurs: a dropped connection (the server never
// sees it), a duplicated request (the server sees it twice), a reset halfway
// through the response (the server stored it, the device sees a broken
// answer), a delay before and after the server (seeded lengths); every other
// request passes. Everything else (the page, sign-in) always passes, so a
// test can set up cleanly.
import http from "node:http";

const ROTATION = ["drop", "pass", "duplicate", "pass", "reset", "pass", "delay", "pass"];

export async function startFaultProxy(target, { seed = 20261123 } = {}) {
  let state = seed >>> 0;
  const rand = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const stats = { requests: 0, dropped: 0, duplicated: 0, reset: 0, delayed: 0, passed: 0 };
  const control = { faulty: false, stats };
  let faulted = 0;

  const forward = (req, body) =>
    new Promise((ok, fail) => {
      const headers = { ...req.headers, host: upstream.host, "content-length": String(body.length) };
      const up = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
        (res) => {
          const chunks = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on("error", fail);
        },
      );
      up.on("error", fail);
      up.end(body);
    });

  const reply = (res, answer) => {
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  };

  const server = http.createServer(async (req, res) => {
    try {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const body = Buffer.concat(chunks);
      stats.requests++;
      const api = req.url.startsWith("/api/v1/events");
      if (!control.faulty || !api) return reply(res, await forward(req, body));
      const fault = ROTATION[faulted++ % ROTATION.length];
      if (fault === "pass") {
        stats.passed++;
        return reply(res, await forward(req, body));
      }
      if (fault === "drop") {
        stats.dropped++;
        return req.socket.destroy();
      }
      if (fault === "duplicate") {
        stats.duplicated++;
        await forward(req, body);
        return reply(res, await forward(req, body));
      }
      if (fault === "reset") {
        stats.reset++;
        const answer = await forward(req, body);
        res.writeHead(answer.status, answer.headers);
        res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
        return setTimeout(() => res.socket?.resetAndDestroy(), 20);
      }
      stats.delayed++;
      await sleep(100 + rand() * 700);
      const answer = await forward(req, body);
      await sleep(rand() * 500);
      return reply(res, answer);
    } catch {
      req.socket.destroy();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  control.url = `http://127.0.0.1:${server.address().port}`;
  control.stop = () => new Promise((ok) => { agent.destroy(); server.closeAllConnections(); server.close(ok); });
  return control;
}
