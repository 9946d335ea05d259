export type Cleanups = (() => Promise<unknown>)[];

/**
 * Runs a benchmark body and afterwards stops everything it registered in `cleanups` (servers, clusters,
 * child processes), newest first — also when it fails or the run is interrupted with Ctrl-C or SIGTERM.
 */
export async function runBenchmark(body: (cleanups: Cleanups) => Promise<number>): Promise<number> {
  const cleanups: Cleanups = [];
  const cleanup = async () => {
    while (cleanups.length)
      await cleanups
        .pop()?.()
        .catch((err: Error) => console.error(`[bench] cleanup: ${err.message}`));
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`[bench] ${signal}: stopping what was started …`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  try {
    return await body(cleanups);
  } finally {
    await cleanup();
  }
}
