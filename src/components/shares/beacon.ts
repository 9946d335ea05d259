/**
 * Tells the server this browser opened a share link. The server answers with the visitor cookie;
 * when the sharer sends it for their own new link, their browser and device are known as theirs,
 * so opening the link themself never counts as a friend's visit. Failures are silent: a missed
 * beacon only means a visit is not counted.
 */
export async function sendVisitBeacon(code: string): Promise<void> {
  try {
    await fetch("/api/shares/visit", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
      credentials: "same-origin",
      keepalive: true,
    });
  } catch {
    // Offline or blocked: nothing to show the visitor.
  }
}
