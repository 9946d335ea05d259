// `npm test`: every test this machine can run — unit and integration tests (Vitest), then the
// end-to-end suite (Playwright) against a production build — and a plain account of what it skipped.
//   DATABASE_URL set    → integration and e2e tests use that PostgreSQL server, else embedded PGlite
//   SADIQ_SKIP_E2E=1    → only Vitest
//   CHROMIUM_PATH       → the browser to drive (default /usr/bin/chromium)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ensureBuilt, root } from "./build-if-needed.mjs";

const out = path.join(root, "test-results", "summary");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const skipped = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function run(label, args, env = {}) {
  console.log(`\n── ${label} ──`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) ok = false;
  return r.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

const db = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite";
const vitestJson = path.join(out, "vitest.json");
run(`unit and integration tests on ${db}`, [
  "node_modules/vitest/vitest.mjs",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestJson}`,
]);
const v = readJson(vitestJson);
if (v) {
  totals.passed += v.numPassedTests ?? 0;
  totals.failed += (v.numFailedTests ?? 0) + (v.numTotalTests ? 0 : 1);
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} else {
  totals.failed += 1;
}

if (process.env.SADIQ_SKIP_E2E === "1") {
  skipped.push("end-to-end tests (SADIQ_SKIP_E2E=1)");
} else if (!ensureBuilt()) {
  ok = false;
  totals.failed += 1;
  console.error("The production build failed, so the end-to-end tests could not run.");
} else {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const projects = existsSync(chromium) ? [] : ["--project=api"];
  if (projects.length) skipped.push(`browser e2e tests: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const e2eJson = path.join(out, "e2e.json");
  run(
    `end-to-end tests on ${db}${projects.length ? " (server-level only)" : ""}`,
    ["node_modules/@playwright/test/cli.js", "test", ...projects, "--reporter=list,json"],
    {
      PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
    },
  );
  const e = readJson(e2eJson);
  if (e?.stats) {
    totals.passed += e.stats.expected ?? 0;
    totals.failed += (e.stats.unexpected ?? 0) + (e.stats.flaky ?? 0);
    totals.skipped += e.stats.skipped ?? 0;
  } else {
    totals.failed += 1;
  }
}

console.log("");
for (const s of skipped) console.log(`skipped: ${s}`);
if (!ok && totals.failed === 0) totals.failed = 1;
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok ? 0 : 1);
