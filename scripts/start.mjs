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
  // The IPC channel lets the server notice if this wrapper dies without passing a signal on.
  stdio: ["inherit", "inherit", "inherit", "ipc"],
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
// npm exits on SIGTERM without passing it on; when our parent goes away, stop the server cleanly.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) child.kill("SIGTERM");
}, 500).unref();
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
