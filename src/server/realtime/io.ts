import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { type ClientToServerEvents, rooms, type ServerToClientEvents, type SocketData } from "@/lib/realtime/events";
import { brandSlugSchema } from "@/lib/validation/auth";
import { userIdFromCookieHeader } from "../auth/session";
import { getDb } from "../db/client";
import { findBrand } from "../domain/accounts/members";

export type SadiqIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

function sameOrigin(origin: string | undefined, host: string | undefined, appOrigin: string | undefined): boolean {
  // Non-browser clients send no Origin and carry no victim's cookies.
  if (!origin) return true;
  try {
    const o = new URL(origin);
    return o.host === host || (appOrigin !== undefined && o.origin === new URL(appOrigin).origin);
  } catch {
    return false;
  }
}

/** Socket.IO on the app's own HTTP server; the handshake reads the next-auth session cookie. */
export function attachSocketIo(server: HttpServer): SadiqIo {
  const io: SadiqIo = new Server(server, {
    path: "/socket.io/",
    serveClient: false,
    // Next handles other upgrade requests (HMR in development); do not let engine.io destroy them.
    destroyUpgrade: false,
    maxHttpBufferSize: 16 * 1024,
    allowRequest: (req, callback) => {
      // Cross-site WebSocket hijacking: the browser would send our cookies from any page.
      callback(null, sameOrigin(req.headers.origin, req.headers.host, process.env.NEXTAUTH_URL));
    },
  });

  io.use(async (socket, next) => {
    socket.data.userId = await userIdFromCookieHeader(socket.handshake.headers.cookie);
    next();
  });

  io.on("connection", (socket) => {
    const { userId } = socket.data;
    if (userId) void socket.join(rooms.user(userId));
    socket.emit("hello", { userId });

    socket.on("whoami", (ack) => {
      if (typeof ack === "function") ack({ userId: socket.data.userId });
    });

    socket.on("brand:join", async (slug, ack) => {
      if (typeof ack !== "function") return;
      const parsed = brandSlugSchema.safeParse(slug);
      if (!parsed.success) return ack({ ok: false, error: "invalid" });
      try {
        const brand = await findBrand(getDb(), parsed.data);
        if (!brand) return ack({ ok: false, error: "not_found" });
        const room = rooms.brand(brand.id);
        await socket.join(room);
        ack({ ok: true, room });
      } catch (err) {
        console.error("[socket] brand:join failed:", (err as Error).message);
        ack({ ok: false, error: "not_found" });
      }
    });

    socket.on("brand:leave", async (slug) => {
      const parsed = brandSlugSchema.safeParse(slug);
      if (!parsed.success) return;
      const brand = await findBrand(getDb(), parsed.data).catch(() => undefined);
      if (brand) await socket.leave(rooms.brand(brand.id));
    });
  });

  return io;
}
