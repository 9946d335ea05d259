import { IDEA_SORTS, IDEA_STATUSES, type IdeaSort, type IdeaStatus, tagSchema } from "@/lib/validation/ideas";

export const LIST_PAGE = 20;

export interface IdeaFilters {
  sort: IdeaSort;
  status?: IdeaStatus;
  tag?: string;
  q?: string;
  mine: boolean;
}

type Param = string | string[] | undefined;
const one = (p: Param) => (Array.isArray(p) ? p[0] : p);

/** Reads the list's filters from the address, dropping anything the server would refuse. */
export function filtersFrom(params: Record<string, Param>): IdeaFilters {
  const sort = one(params.sort);
  const status = one(params.status);
  const tag = tagSchema.safeParse(one(params.tag) ?? "");
  const q = one(params.q)?.trim().slice(0, 200);
  return {
    sort: IDEA_SORTS.includes(sort as IdeaSort) ? (sort as IdeaSort) : "trending",
    ...(IDEA_STATUSES.includes(status as IdeaStatus) ? { status: status as IdeaStatus } : {}),
    ...(tag.success ? { tag: tag.data } : {}),
    ...(q ? { q } : {}),
    mine: one(params.mine) === "1",
  };
}

/** The address that reopens the list as it is now (defaults left out). */
export function filtersQuery(f: IdeaFilters): string {
  const p = new URLSearchParams();
  if (f.sort !== "trending") p.set("sort", f.sort);
  if (f.status) p.set("status", f.status);
  if (f.tag) p.set("tag", f.tag);
  if (f.q) p.set("q", f.q);
  if (f.mine) p.set("mine", "1");
  const s = p.toString();
  return s ? `?${s}` : "";
}
