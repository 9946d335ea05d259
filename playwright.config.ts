import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { ADMIN, BASE_URL, CHROMIUM, E2E_PORT, SMTP_PORT } from "./e2e/support/env";

// A fresh embedded database per run unless DATABASE_URL points at a server.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), "sadiq-e2e-"));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // Server-level checks that need no browser: fuzzing, sockets, shutdown.
    { name: "api", testMatch: /api\/.*\.spec\.ts/ },
    {
      name: "chromium",
      testIgnore: /api\/.*\.spec\.ts/,
      use: {
        browserName: "chromium",
        viewport: { width: 390, height: 844 },
        locale: "en-US",
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: "node --import tsx e2e/support/smtp-sink.ts",
      url: `http://127.0.0.1:${SMTP_PORT + 1}/health`,
      env: { SMTP_SINK_PORT: String(SMTP_PORT) },
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      command: "node --import tsx src/server/main.ts",
      url: `${BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: {
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(E2E_PORT),
        HOSTNAME: "127.0.0.1",
        NEXTAUTH_URL: BASE_URL,
        SADIQ_DATA_DIR: dataDir,
        SADIQ_TRUST_PROXY: "1",
        // The demo's early-bird table would draw on check-ins before 09:00 and add points the specs do not expect.
        SADIQ_DEMO_SURPRISES: "0",
        SADIQ_ADMIN_EMAIL: ADMIN.email,
        SADIQ_ADMIN_PASSWORD: ADMIN.password,
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      },
    },
  ],
});
