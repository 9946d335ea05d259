"use client";

import { useCallback, useLayoutEffect, useRef } from "react";

const MOVE_MS = 450;

/**
 * FLIP: after React moves rows, each row that changed place starts drawn where it was (a transform)
 * and glides to where it now is. Only transforms animate, so nothing reflows; with reduced motion the
 * rows simply jump.
 */
export function useFlip<T extends HTMLElement>(order: string) {
  const nodes = useRef(new Map<string, T>());
  const tops = useRef(new Map<string, number>());

  const register = useCallback(
    (id: string) => (node: T | null) => {
      if (node) nodes.current.set(id, node);
      else nodes.current.delete(id);
    },
    [],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `order` is what changes when rows move
  useLayoutEffect(() => {
    const reduce = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
    const next = new Map<string, number>();
    for (const [id, node] of nodes.current) {
      // offsetTop ignores transforms, so a row caught mid-glide is measured where it belongs.
      const top = node.offsetTop;
      next.set(id, top);
      const before = tops.current.get(id);
      if (reduce || before === undefined || before === top) continue;
      node.style.transition = "none";
      node.style.transform = `translateY(${before - top}px)`;
      // Read layout so the browser takes the start position before the transition is switched on.
      void node.offsetWidth;
      node.style.transition = `transform ${MOVE_MS}ms cubic-bezier(.2,.8,.2,1)`;
      node.style.transform = "";
    }
    tops.current = next;
  }, [order]);

  return register;
}
