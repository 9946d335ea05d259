"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { IdeaList as IdeaListPage } from "@/lib/ideas/types";
import { IDEA_SORTS, IDEA_STATUSES, type IdeaSort } from "@/lib/validation/ideas";
import { useTRPC } from "@/trpc/react";
import { Alert } from "../ui/alert";
import { Button, linkButton } from "../ui/button";
import { SelectField } from "../ui/field";
import { filtersQuery, type IdeaFilters, LIST_PAGE } from "./filters";
import { IdeaRow } from "./idea-row";
import { useIdeasLive } from "./use-ideas-live";

const same = (a: IdeaFilters, b: IdeaFilters) => filtersQuery(a) === filtersQuery(b);

/** The brand's ideas: sort tabs, filters, search, "my ideas", and rows that follow votes live. */
export function IdeaList({
  brandSlug,
  initial,
  initialFilters,
}: {
  brandSlug: string;
  initial: IdeaListPage;
  initialFilters: IdeaFilters;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const [filters, setFilters] = useState(initialFilters);
  const [search, setSearch] = useState(initialFilters.q ?? "");
  const tabs = useRef<Partial<Record<IdeaSort, HTMLButtonElement | null>>>({});
  const list = useInfiniteQuery(
    trpc.ideas.list.infiniteQueryOptions(
      { brandSlug, ...filters, limit: LIST_PAGE },
      {
        getNextPageParam: (last) => last.nextCursor,
        initialData: same(filters, initialFilters) ? { pages: [initial], pageParams: [null] } : undefined,
        placeholderData: keepPreviousData,
      },
    ),
  );
  // Offsets over a moving ranking can repeat an idea across pages: show each once.
  const items = [...new Map((list.data?.pages ?? []).flatMap((p) => p.items).map((i) => [i.id, i] as const)).values()];
  const tags = list.data?.pages[0]?.tags ?? initial.tags;

  useIdeasLive({
    brandSlug,
    initialSeq: initial.seq,
    // A status change moves the idea between filtered lists and status groups: ask the server where it goes.
    onEvent: (event) => {
      const shown = items.find((i) => i.id === event.ideaId);
      if (shown && shown.status !== event.status && (filters.status || filters.sort === "status")) return "refetch";
      return undefined;
    },
  });

  useEffect(() => {
    // Keep the address in step so a reload or a shared link opens the same list.
    window.history.replaceState(null, "", `/ideas${filtersQuery(filters)}`);
  }, [filters]);

  const update = (patch: Partial<IdeaFilters>) => setFilters((f) => ({ ...f, ...patch }));

  function onTabKey(event: KeyboardEvent) {
    const at = IDEA_SORTS.indexOf(filters.sort);
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: IDEA_SORTS.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = IDEA_SORTS[(to + IDEA_SORTS.length) % IDEA_SORTS.length] ?? "trending";
    update({ sort: next });
    tabs.current[next]?.focus();
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = search.trim().slice(0, 200);
    update({ q: q || undefined });
  }

  return (
    <div className="flex flex-col gap-4">
      <Link href="/ideas/new" className={`${linkButton.primary} self-start`} data-testid="new-idea">
        {t("ideasUi.list.newIdea")}
      </Link>
      <div role="tablist" aria-label={t("ideasUi.list.sortLabel")} className="-mx-1 flex flex-wrap gap-1" onKeyDown={onTabKey}>
        {IDEA_SORTS.map((sort) => (
          <button
            key={sort}
            ref={(el) => {
              tabs.current[sort] = el;
            }}
            type="button"
            role="tab"
            aria-selected={filters.sort === sort}
            aria-controls="ideas-panel"
            tabIndex={filters.sort === sort ? 0 : -1}
            onClick={() => update({ sort })}
            data-testid={`sort-${sort}`}
            className="min-h-11 rounded-lg px-3 font-semibold text-stone-800 hover:bg-stone-200 focus-visible:outline-2 focus-visible:outline-brand-700 aria-selected:bg-brand-700 aria-selected:text-white"
          >
            {t(`ideasUi.sort.${sort}`)}
          </button>
        ))}
      </div>
      <div id="ideas-panel" role="tabpanel" aria-label={t(`ideasUi.sort.${filters.sort}`)} className="flex flex-col gap-4">
        <div className="grid gap-3 sm:grid-cols-2">
          <search>
            <form onSubmit={onSearch} className="flex items-end gap-2">
              <div className="min-w-0 flex-1">
                <label htmlFor="ideas-q" className="text-sm font-medium text-stone-800">
                  {t("ideasUi.list.search")}
                </label>
                <input
                  id="ideas-q"
                  type="search"
                  value={search}
                  maxLength={200}
                  onChange={(e) => setSearch(e.target.value)}
                  className="min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2 text-base outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
                />
              </div>
              <Button type="submit" variant="secondary">
                {t("ideasUi.list.searchButton")}
              </Button>
            </form>
          </search>
          <SelectField
            label={t("ideasUi.list.statusFilter")}
            name="status"
            value={filters.status ?? ""}
            onChange={(e) => update({ status: (e.target.value || undefined) as IdeaFilters["status"] })}
            options={[
              { value: "", label: t("ideasUi.list.allStatuses") },
              ...IDEA_STATUSES.map((s) => ({ value: s, label: t(`ideasUi.status.${s}`) })),
            ]}
          />
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            aria-pressed={filters.mine}
            onClick={() => update({ mine: !filters.mine })}
            data-testid="mine-toggle"
            className="min-h-11 rounded-full border border-stone-400 bg-white px-4 font-semibold text-stone-900 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-brand-700 aria-pressed:border-brand-700 aria-pressed:bg-brand-100 aria-pressed:text-brand-900"
          >
            {t("ideasUi.list.mine")}
          </button>
        </div>
        {tags.length > 0 ? (
          <fieldset className="flex flex-col gap-1">
            <legend className="text-sm font-medium text-stone-800">{t("ideasUi.list.tags")}</legend>
            <div className="flex flex-wrap gap-1">
              {["", ...tags].map((tag) => (
                <button
                  key={tag || "all"}
                  type="button"
                  aria-pressed={(filters.tag ?? "") === tag}
                  onClick={() => update({ tag: tag || undefined })}
                  className="min-h-11 rounded-full border border-stone-300 bg-white px-3 text-sm font-medium text-stone-800 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-brand-700 aria-pressed:border-brand-700 aria-pressed:bg-brand-700 aria-pressed:text-white"
                >
                  {tag ? `#${tag}` : t("ideasUi.list.allTags")}
                </button>
              ))}
            </div>
          </fieldset>
        ) : null}
        {list.isError ? <Alert>{t("errors.network")}</Alert> : null}
        <p className="sr-only" aria-live="polite">
          {list.isFetching ? t("ideasUi.list.loading") : t("ideasUi.list.count", { count: items.length })}
        </p>
        {items.length === 0 && !list.isPending ? (
          <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700" data-testid="ideas-empty">
            {filters.q || filters.tag || filters.status || filters.mine ? t("ideasUi.list.emptyFiltered") : t("ideasUi.list.empty")}
          </p>
        ) : (
          <ul className="flex flex-col gap-3" aria-busy={list.isFetching} data-testid="idea-list">
            {items.map((idea) => (
              <IdeaRow key={idea.id} brandSlug={brandSlug} idea={idea} />
            ))}
          </ul>
        )}
        {list.hasNextPage ? (
          <Button variant="secondary" className="self-start" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? t("ideasUi.list.loading") : t("ideasUi.list.loadMore")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
