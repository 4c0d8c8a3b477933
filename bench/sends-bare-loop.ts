/**
 * The baseline of `npm run bench:sends`, in a process of its own as the worker is: the same HTTPS
 * POSTs the Cloud API client makes (a new TLS connection each, as the guarded connector opens one
 * per call), `concurrency` at a time, to the fake Graph API. Prints `{"seconds": …}`.
 * Usage: tsx bench/sends-bare-loop.ts <url> <token> <count> <concurrency> <ca-file>
 */
import { readFileSync } from "node:fs";
import https from "node:https";

const [url, token, countText, concurrencyText, caFile] = process.argv.slice(2) as [string, string, string, string, string];
const count = Number(countText);
const ca = readFileSync(caFile);

function post(i: number): Promise<void> {
  const body = JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", to: "4915799912345", type: "text", text: { preview_url: false, body: `bare ${i}` } });
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: "POST", agent: false, ca, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" } }, (response) => {
      response.resume();
      response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`status ${response.statusCode}`))));
    });
    request.on("error", reject);
    request.end(body);
  });
}

let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: Number(concurrencyText) }, async () => {
    while (next < count) await post(next++);
  }),
);
console.info(JSON.stringify({ seconds: (performance.now() - started) / 1000 }));
