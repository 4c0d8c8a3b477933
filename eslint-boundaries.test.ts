import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/*
 * The layer rule of eslint.config.mjs, run through ESLint's own API on deliberate violations:
 * app → (components, lib) → db, nothing pointing back up, the product never importing testing/, and
 * components never querying.
 * If someone loosens the rule, these fail.
 */

const eslint = new ESLint({ cwd: import.meta.dirname });

/** The layer rule's messages for `source` linted as if it were the file at `filePath`. */
async function layerErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = value;\n`, { filePath });
  return result!.messages.filter((message) => message.ruleId?.endsWith("no-restricted-imports")).map((message) => message.message);
}

describe("layer boundaries (eslint.config.mjs)", { timeout: 60_000 }, () => {
  it.each([
    ["db/queries/example.ts", 'import { PAGE_SIZE as value } from "@/lib/pagination";', "db/ is the bottom layer"],
    ["db/queries/example.ts", 'import { PAGE_SIZE as value } from "../../lib/pagination";', "db/ is the bottom layer"],
    ["db/queries/example.ts", 'import { uniqueSuffix as value } from "@/testing/db/fixtures";', "db/ is the bottom layer"],
    ["db/queries/example.ts", 'import type { Locale as value } from "@/lib/i18n/locales";', "db/ is the bottom layer"],
    ["db/queries/example.ts", 'export { ouPathLabel as value } from "@/lib/ous/tree";', "db/ is the bottom layer"],
    ["db/queries/example.int.test.ts", 'import { Button as value } from "@/components/ui/button";', "db/ tests"],
    ["db/queries/example.int.test.ts", 'import { foldStatusTransitions as value } from "@/lib/webhooks/status-order";', "db/ tests"],
    ["lib/channels/example.ts", 'import { Button as value } from "@/components/ui/button";', "lib/ holds domain logic"],
    ["lib/channels/example.ts", 'import value from "@/app/(console)/layout";', "lib/ holds domain logic"],
    ["lib/channels/example.ts", 'import { uniqueSuffix as value } from "@/testing/db/fixtures";', "lib/ holds domain logic"],
    ["components/channels/example.tsx", 'import { uniqueSuffix as value } from "@/testing/db/fixtures";', "testing/ is test and development tooling"],
    ["components/channels/example.tsx", 'import { getDb as value } from "@/db";', "Components do not load data"],
    ["components/channels/example.tsx", 'import { listLatestEvents as value } from "@/db/queries/channel-activity";', "Components do not load data"],
  ])("%s: refuses %s", async (filePath, source, message) => {
    const errors = await layerErrors(filePath, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it.each([
    ["lib/channels/example.ts", 'import { PAGE_SIZE as value } from "@/db/paging";'],
    ["components/channels/example.tsx", 'import { PAGE_SIZE as value } from "@/lib/pagination";'],
    ["app/(console)/example/page.tsx", 'import { Button as value } from "@/components/ui/button";'],
    ["app/(console)/example/page.tsx", 'import { getDb as value } from "@/db";'],
    ["components/channels/example.tsx", 'import type { ActivityEvent as value } from "@/db/queries/channel-activity";'],
    ["components/channels/example.tsx", 'import { CHANNEL_TYPES as value } from "@/db/schema/channels";'],
    ["db/queries/example.ts", 'import { PAGE_SIZE as value } from "../paging";'],
    ["db/queries/example.int.test.ts", 'import { uniqueSuffix as value } from "@/testing/db/fixtures";'],
    ["lib/channels/example.test.ts", 'import { uniqueSuffix as value } from "@/testing/db/fixtures";'],
    ["testing/example.ts", 'import { Button as value } from "@/components/ui/button";'],
  ])("%s: allows %s", async (filePath, source) => {
    expect(await layerErrors(filePath, source)).toEqual([]);
  });
});
