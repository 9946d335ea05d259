// Shared by playwright.config.ts and the specs, so both agree on ports and accounts.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2525);
export const SMTP_HTTP = `http://127.0.0.1:${SMTP_PORT + 1}`;
export const ADMIN = { email: "admin@e2e.sadiq.test", password: "e2e admin password" };
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
