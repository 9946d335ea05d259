/**
 * Tells the server this browser opened an invite link. The answer sets the referral cookie, so a
 * sign-up later in this browser (by password, magic link or OAuth) is attached to the inviter.
 * Failures are silent: the Join button still carries the code.
 */
export async function sendReferralBeacon(code: string): Promise<void> {
  try {
    await fetch("/api/referrals/visit", {
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
