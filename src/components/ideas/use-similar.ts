"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useLocale } from "next-intl";
import { useEffect, useState } from "react";
import type { Locale } from "@/i18n/config";
import { TITLE_MAX } from "@/lib/validation/ideas";
import { useTRPC } from "@/trpc/react";

/** Ideas like `title`, asked 300 ms after typing stops and only from 3 characters on. */
export function useSimilarIdeas(brandSlug: string, title: string, excludeId?: string) {
  const trpc = useTRPC();
  const locale = useLocale() as Locale;
  const [settled, setSettled] = useState(title.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSettled(title.trim().slice(0, TITLE_MAX)), 300);
    return () => clearTimeout(timer);
  }, [title]);
  const enabled = settled.length >= 3;
  const query = useQuery(
    trpc.ideas.similar.queryOptions(
      { brandSlug, title: settled, locale, ...(excludeId ? { excludeId } : {}) },
      { enabled, staleTime: 60_000, placeholderData: keepPreviousData },
    ),
  );
  return { ideas: enabled ? (query.data ?? []).slice(0, 5) : [], loading: enabled && query.isFetching };
}
