import { machineBusyCpu } from "./cpu";
import { sleep } from "./proc";

/**
 * Cores busy on the whole machine over a short window, taken while the benchmark's own processes idle:
 * that is what other processes use. With `maxWaitS` > 0, waits (up to that long) until it drops below
 * `threshold`, so a shared machine's busy spells do not land in the measurements. Returns the last figure.
 */
export async function waitForQuiet(maxWaitS: number, log: (line: string) => void, threshold = 0.3): Promise<number> {
  const deadline = Date.now() + maxWaitS * 1000;
  let warned = false;
  for (;;) {
    const a = machineBusyCpu();
    const t0 = performance.now();
    await sleep(2000);
    const busy = (machineBusyCpu() - a) / ((performance.now() - t0) / 1000);
    if (busy < threshold || Date.now() >= deadline) {
      if (busy >= threshold) log(`other processes keep ${busy.toFixed(2)} cores busy: measuring anyway`);
      return busy;
    }
    if (!warned) log(`other processes keep ${busy.toFixed(2)} cores busy: waiting up to ${maxWaitS} s for a quieter machine …`);
    warned = true;
  }
}
