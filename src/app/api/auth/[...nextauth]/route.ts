import NextAuth from "next-auth";
import { gateAuthPost } from "@/server/auth/gate";
import { authOptions } from "@/server/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

export function GET(req: Request, ctx: Ctx) {
  return NextAuth(req as never, ctx as never, authOptions());
}

export async function POST(req: Request, ctx: Ctx) {
  const options = authOptions();
  const refused = await gateAuthPost(req, options.secret ?? "");
  if (refused) return refused;
  return NextAuth(req as never, ctx as never, options);
}
