/**
 * An order-statistics tree (a treap with subtree sizes) over one board's public members: rank of a member,
 * member at a rank and inserts/removes all take O(log n), like a Redis sorted set. Order: higher score first,
 * then earlier `reachedAt`, then member id, so every rank is deterministic.
 */
export interface RankEntry {
  memberId: string;
  handle: string;
  score: number;
  /** Microseconds since the epoch (PostgreSQL's precision, so ties break as in SQL). */
  reachedAt: number;
}

export interface RankedEntry extends RankEntry {
  rank: number;
}

const NIL = 0;

export class RankIndex {
  private left = new Int32Array(1024);
  private right = new Int32Array(1024);
  private sizes = new Int32Array(1024);
  private prio = new Float64Array(1024);
  private scores = new Float64Array(1024);
  private reached = new Float64Array(1024);
  private members: string[] = [""];
  private handles: string[] = [""];
  private root = NIL;
  private next = 1;
  private free: number[] = [];
  private byMember = new Map<string, number>();

  get size(): number {
    return this.sizes[this.root] ?? 0;
  }

  has(memberId: string): boolean {
    return this.byMember.has(memberId);
  }

  get(memberId: string): RankEntry | undefined {
    const n = this.byMember.get(memberId);
    return n === undefined ? undefined : this.entry(n);
  }

  /** Replaces the index with entries already sorted in board order, in O(n). */
  load(sorted: RankEntry[]): void {
    this.clear();
    // Cartesian tree of the sorted keys with random priorities: exactly the treap inserts would build.
    const stack: number[] = [];
    for (const e of sorted) {
      const n = this.alloc(e);
      let last = NIL;
      while (stack.length > 0 && (this.prio[stack[stack.length - 1] as number] as number) < (this.prio[n] as number)) {
        last = stack.pop() as number;
      }
      this.left[n] = last;
      if (stack.length > 0) this.right[stack[stack.length - 1] as number] = n;
      stack.push(n);
    }
    this.root = stack[0] ?? NIL;
    this.recount(this.root);
  }

  clear(): void {
    this.root = NIL;
    this.next = 1;
    this.free = [];
    this.members = [""];
    this.handles = [""];
    this.byMember.clear();
  }

  /** Inserts or moves a member; returns nothing, ranks are read afterwards. */
  upsert(e: RankEntry): void {
    this.remove(e.memberId);
    const n = this.alloc(e);
    const [l, r] = this.split(this.root, n);
    this.root = this.merge(this.merge(l, n), r);
  }

  remove(memberId: string): boolean {
    const n = this.byMember.get(memberId);
    if (n === undefined) return false;
    const [l, r] = this.split(this.root, n);
    const [, rest] = this.splitFirst(r);
    this.root = this.merge(l, rest);
    this.byMember.delete(memberId);
    this.members[n] = "";
    this.handles[n] = "";
    this.free.push(n);
    return true;
  }

  /** 1-based rank of a member in the index, or null. */
  rankOf(memberId: string): number | null {
    const n = this.byMember.get(memberId);
    return n === undefined ? null : this.countBefore(this.scores[n] as number, this.reached[n] as number, memberId) + 1;
  }

  /** How many entries come before the given key: the place a hidden member would take, minus one. */
  countBefore(score: number, reachedAt: number, memberId: string): number {
    let t = this.root;
    let count = 0;
    while (t !== NIL) {
      if (this.before(t, score, reachedAt, memberId)) {
        count += (this.sizes[this.left[t] as number] as number) + 1;
        t = this.right[t] as number;
      } else {
        t = this.left[t] as number;
      }
    }
    return count;
  }

  /** The entry at a 1-based rank. */
  at(rank: number): RankedEntry | undefined {
    if (rank < 1 || rank > this.size) return undefined;
    let t = this.root;
    let k = rank;
    while (t !== NIL) {
      const ls = this.sizes[this.left[t] as number] as number;
      if (k <= ls) t = this.left[t] as number;
      else if (k === ls + 1) return { ...this.entry(t), rank };
      else {
        k -= ls + 1;
        t = this.right[t] as number;
      }
    }
    return undefined;
  }

  /** Entries with ranks from `from` (1-based), at most `count` of them, in order. */
  range(from: number, count: number): RankedEntry[] {
    const out: RankedEntry[] = [];
    const start = Math.max(1, from);
    const end = Math.min(this.size, from + count - 1);
    if (end < start) return out;
    // In-order walk that skips whole subtrees before `start`.
    const stack: number[] = [];
    let t = this.root;
    let skip = start - 1;
    while (t !== NIL) {
      const ls = this.sizes[this.left[t] as number] as number;
      if (skip < ls) {
        stack.push(t);
        t = this.left[t] as number;
      } else if (skip === ls) {
        stack.push(t);
        break;
      } else {
        skip -= ls + 1;
        t = this.right[t] as number;
      }
    }
    let rank = start;
    while (stack.length > 0 && rank <= end) {
      const n = stack.pop() as number;
      out.push({ ...this.entry(n), rank: rank++ });
      let c = this.right[n] as number;
      while (c !== NIL) {
        stack.push(c);
        c = this.left[c] as number;
      }
    }
    return out;
  }

  private entry(n: number): RankEntry {
    return {
      memberId: this.members[n] as string,
      handle: this.handles[n] as string,
      score: this.scores[n] as number,
      reachedAt: this.reached[n] as number,
    };
  }

  /** True when node t comes before the key. */
  private before(t: number, score: number, reachedAt: number, memberId: string): boolean {
    const s = this.scores[t] as number;
    if (s !== score) return s > score;
    const r = this.reached[t] as number;
    if (r !== reachedAt) return r < reachedAt;
    return (this.members[t] as string) < memberId;
  }

  private alloc(e: RankEntry): number {
    let n = this.free.pop();
    if (n === undefined) {
      n = this.next++;
      if (n >= this.left.length) this.grow();
    }
    this.left[n] = NIL;
    this.right[n] = NIL;
    this.sizes[n] = 1;
    this.prio[n] = Math.random();
    this.scores[n] = e.score;
    this.reached[n] = e.reachedAt;
    this.members[n] = e.memberId;
    this.handles[n] = e.handle;
    this.byMember.set(e.memberId, n);
    return n;
  }

  private grow() {
    const cap = this.left.length * 2;
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    const g64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.left = g32(this.left);
    this.right = g32(this.right);
    this.sizes = g32(this.sizes);
    this.prio = g64(this.prio);
    this.scores = g64(this.scores);
    this.reached = g64(this.reached);
  }

  private pull(t: number) {
    if (t !== NIL) this.sizes[t] = (this.sizes[this.left[t] as number] as number) + (this.sizes[this.right[t] as number] as number) + 1;
  }

  private recount(t: number): number {
    if (t === NIL) return 0;
    this.sizes[t] = this.recount(this.left[t] as number) + this.recount(this.right[t] as number) + 1;
    return this.sizes[t] as number;
  }

  /** Splits into (entries before node k's key, the rest). */
  private split(t: number, k: number): [number, number] {
    if (t === NIL) return [NIL, NIL];
    if (this.before(t, this.scores[k] as number, this.reached[k] as number, this.members[k] as string)) {
      const [l, r] = this.split(this.right[t] as number, k);
      this.right[t] = l;
      this.pull(t);
      return [t, r];
    }
    const [l, r] = this.split(this.left[t] as number, k);
    this.left[t] = r;
    this.pull(t);
    return [l, t];
  }

  private splitFirst(t: number): [number, number] {
    if (t === NIL) return [NIL, NIL];
    if (this.left[t] === NIL) {
      const r = this.right[t] as number;
      this.right[t] = NIL;
      this.pull(t);
      return [t, r];
    }
    const [first, rest] = this.splitFirst(this.left[t] as number);
    this.left[t] = rest;
    this.pull(t);
    return [first, t];
  }

  private merge(a: number, b: number): number {
    if (a === NIL) return b;
    if (b === NIL) return a;
    if ((this.prio[a] as number) > (this.prio[b] as number)) {
      this.right[a] = this.merge(this.right[a] as number, b);
      this.pull(a);
      return a;
    }
    this.left[b] = this.merge(a, this.left[b] as number);
    this.pull(b);
    return b;
  }
}

/** The board order as a comparator, for sorting rows the same way the index does. */
export function boardOrder(a: RankEntry, b: RankEntry): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.reachedAt !== b.reachedAt) return a.reachedAt - b.reachedAt;
  return a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
}
