import NextAuth from "next-auth";
import { gateAuthPost } from "@/server/auth/gate";
import { authOptions } from "@/server/auth/options";
import { withSignUpRequest } from "@/server/domain/referrals/request";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Both methods run inside the sign-up request store: a magic-link or OAuth callback that creates the
// user reads the invite cookie from it in the createUser event.
export function GET(req: Request, ctx: Ctx) {
  return withSignUpRequest(req, () => NextAuth(req as never, ctx as never, authOptions()));
}

export async function POST(req: Request, ctx: Ctx) {
  const options = authOptions();
  const refused = await gateAuthPost(req, options.secret ?? "");
  if (refused) return refused;
  const res: Response = await withSignUpRequest(req, () => NextAuth(req as never, ctx as never, options));
  // A failed password sign-in is a 401 whatever the client asked for; next-auth would redirect
  // plain form posts to its error page with a 302.
  const location = res.headers.get("location");
  if (new URL(req.url).pathname.endsWith("/callback/credentials") && location?.includes("error=")) {
    const headers = new Headers(res.headers);
    headers.delete("location");
    headers.set("content-type", "application/json");
    return new Response(JSON.stringify({ url: location }), { status: 401, headers });
  }
  return res;
}
