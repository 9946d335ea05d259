import { StartupError, startDatabase } from "../bootstrap";
import { setDbHandle } from "./client";
import { seedDemo } from "./seed";

// `npm run seed`: migrate, then seed the demo brand if the database has no brand yet.
async function run() {
  const started = await startDatabase({ seed: false });
  setDbHandle(started.handle);
  try {
    const result = await seedDemo(started.handle.db);
    if (result.seeded) console.log(`Seeded the demo brand. Demo admin: ${result.adminEmail}  password: ${result.adminPassword}`);
    else console.log("The database already has a brand; nothing seeded.");
  } finally {
    await started.handle.close();
    started.unlock();
  }
}

run().catch((err: unknown) => {
  console.error(`seed: ${err instanceof StartupError ? err.message : (err as Error).message}`);
  process.exit(1);
});
