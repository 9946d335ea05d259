// `npm start`: build when needed, then run the server in production mode. Signals are passed on
// so Ctrl-C and SIGTERM shut Sadiq down cleanly.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuilt, root } from "./build-if-needed.mjs";

if (!ensureBuilt()) {
  console.error("sadiq: the build failed; see the messages above");
  process.exit(1);
}

const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "src/server/main.ts")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
