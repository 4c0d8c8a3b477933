// Polls a health URL from a process of its own (so a blocked event loop in the console's process
// cannot also delay the clock that measures it) and reports every answer's latency when told to stop.
// Usage: fork(this file, [url, everyMs]); messages: {ready} once answering, then {polls} after "stop":
// each poll's milliseconds and whether it was answered 200 (a dropped connection counts, unanswered).
import http from "node:http";

const [url, everyMs = "10"] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const polls = [];
let stopping = false;

function poll() {
  return new Promise((resolve) => {
    const started = performance.now();
    const done = (ok) => resolve({ ok, ms: performance.now() - started });
    http
      .get(url, { agent }, (response) => {
        response.resume();
        response.on("end", () => done(response.statusCode === 200));
      })
      .on("error", () => done(false));
  });
}

process.on("message", (message) => {
  if (message === "stop") stopping = true;
});

await poll(); // the connection is open before anything is measured
process.send({ ready: true });
while (!stopping) {
  polls.push(await poll());
  await new Promise((resolve) => setTimeout(resolve, Number(everyMs)));
}
process.send({ polls }, () => process.exit(0));
