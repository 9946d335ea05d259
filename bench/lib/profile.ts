import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

// Reads a V8 .cpuprofile (node --cpu-prof) and tells where the server's main thread spent its
// time: per package (through the source maps of the .next bundles, which inline zod, tRPC,
// superjson, next-auth …) and per function.

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled main-thread time inside the window, idle excluded, ms. */
  busyMs: number;
  idleMs: number;
  byPackage: [string, number][];
  topFunctions: [string, number][];
}

const maps = new Map<string, SourceMap | null>();

function sourceMapFor(url: string): SourceMap | null {
  let map = maps.get(url);
  if (map !== undefined) return map;
  map = null;
  try {
    const file = `${fileURLToPath(url)}.map`;
    if (existsSync(file)) map = new SourceMap(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    map = null;
  }
  maps.set(url, map);
  return map;
}

/** The original source of a frame: the bundled module for .next chunks, else the file itself. */
function originalSource(frame: CallFrame): string {
  if (!frame.url.startsWith("file://")) return frame.url;
  if (frame.url.includes("/.next/")) {
    const entry = sourceMapFor(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string } | undefined;
    if (entry?.originalSource) return entry.originalSource;
  }
  return fileURLToPath(frame.url);
}

function packageOf(frame: CallFrame, source: string): string {
  if (frame.functionName === "(garbage collector)") return "V8 garbage collector";
  if (frame.functionName === "(program)") return "V8/native (program)";
  if (!source) return "native";
  if (source.startsWith("node:")) return "Node.js core";
  const nm = source.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const [scope = "", name = ""] = source.slice(nm + "node_modules/".length).split("/");
    return scope.startsWith("@") ? `${scope}/${name}` : scope;
  }
  const src = source.indexOf("src/");
  if (src >= 0) return `sadiq ${source.slice(src).split("/").slice(0, 3).join("/")}`;
  if (source.includes("[turbopack]") || source.includes("turbopack")) return "turbopack runtime";
  return source.replace(/^.*\//, "");
}

function shortSource(source: string): string {
  const nm = source.lastIndexOf("node_modules/");
  if (nm >= 0) return source.slice(nm + "node_modules/".length);
  const src = source.indexOf("src/");
  return src >= 0 ? source.slice(src) : source.replace(/^.*\//, "");
}

/** Summarizes the samples taken between fromUs and toUs (the profile's monotonic clock, µs). */
export function summarizeProfile(file: string, fromUs?: number, toUs?: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  // Native functions (socket writes, crypto, …) and Node core count for the package that called them.
  const caller = (id: number): string | undefined => {
    for (let p = parents.get(id), hops = 0; p !== undefined && hops < 200; p = parents.get(p), hops++) {
      const f = nodes.get(p)?.callFrame;
      if (!f?.url.startsWith("file://")) continue;
      const pkg = packageOf(f, originalSource(f));
      if (pkg !== "Node.js core") return pkg;
    }
    return undefined;
  };
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  let inWindow = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if ((fromUs !== undefined && t < fromUs) || (toUs !== undefined && t > toUs)) continue;
    inWindow++;
    const id = profile.samples[i] ?? -1;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  }
  // The clocks did not match: rather the whole profile than nothing.
  if (inWindow === 0 && (fromUs !== undefined || toUs !== undefined)) return summarizeProfile(file);
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let idleUs = 0;
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    if (frame.functionName === "(idle)" || frame.functionName === "(root)") {
      idleUs += us;
      continue;
    }
    busyUs += us;
    const source = originalSource(frame);
    let pkg = packageOf(frame, source);
    let label = `${frame.functionName || "(anonymous)"} ${shortSource(source)}`;
    if (pkg === "native" || pkg === "Node.js core") {
      const from = caller(id) ?? "?";
      pkg = `${pkg} ← ${from}`;
      label = `${frame.functionName || "(anonymous)"} ${source ? shortSource(source) : "(native)"} ← ${from}`;
    } else if (!source) {
      label = frame.functionName;
    }
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    byFunction.set(label, (byFunction.get(label) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, us]) => [k, us / 1000] as [string, number]);
  return { busyMs: busyUs / 1000, idleMs: idleUs / 1000, byPackage: sorted(byPackage), topFunctions: sorted(byFunction) };
}
