/**
 * `npm run set-password -- <email>`: sets an account's password, reading it from stdin (typed
 * twice, unseen, at a terminal; or piped: `printf '%s' "$PASSWORD" | npm run set-password -- <email>`).
 * Uses DATABASE_URL, or the embedded database of CONSOLE_DATA_DIR (the running one, or started
 * here for the change). The account's open sessions end.
 */
import path from "node:path";
import { createDb, createPool } from "@/db/client";
import { openEmbeddedDatabase } from "@/db/embedded";
import { describeStartFailure } from "@/lib/bootstrap/start-failure";
import { SetPasswordError, setPasswordByEmail } from "@/lib/bootstrap/set-password";

async function main() {
  const [email, ...extra] = process.argv.slice(2);
  if (!email || extra.length > 0) throw new SetPasswordError("give exactly one account: npm run set-password -- <email>.");
  const password = process.stdin.isTTY ? await typedTwice(`New password for ${email}: `) : await piped();

  const database = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, stop: async () => {} }
    : await openEmbeddedDatabase({ dir: path.resolve(process.env.CONSOLE_DATA_DIR || "data"), port: Number(process.env.EMBEDDED_PG_PORT || 54329) });
  const pool = createPool(database.url, { max: 1 });
  try {
    await setPasswordByEmail(createDb(pool), { email, password });
  } catch (error) {
    if ((error as { code?: string }).code === "42P01") throw new SetPasswordError("this database has no console tables yet: start the console once (npm start) first.");
    throw error;
  } finally {
    await pool.end();
    await database.stop();
  }
  console.info(`[set-password] password set for ${email}; its open sessions have ended.`);
}

async function piped(): Promise<string> {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  return input.replace(/\r?\n$/, "");
}

async function typedTwice(question: string): Promise<string> {
  const first = await hidden(question);
  if ((await hidden("Again: ")) !== first) throw new SetPasswordError("the two passwords differ: run it again.");
  return first;
}

/** Reads a line from the terminal without echoing it. */
function hidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  let value = "";
  return new Promise((resolve, reject) => {
    const finish = (outcome: () => void) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      outcome();
    };
    const onData = (chars: string) => {
      for (const char of chars) {
        if (char === "\r" || char === "\n") return finish(() => resolve(value));
        if (char === "\u0003" || char === "\u0004") return finish(() => reject(new SetPasswordError("cancelled: nothing changed.")));
        value = char === "\u007f" || char === "\b" ? value.slice(0, -1) : value + char;
      }
    };
    stdin.on("data", onData);
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const sentence = error instanceof SetPasswordError ? error.message : describeStartFailure(error);
    console.error(`[set-password] cannot set the password: ${sentence}`);
    process.exit(1);
  },
);
