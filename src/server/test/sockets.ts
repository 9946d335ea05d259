import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";

/** A real Socket.IO client signed in as `userId` (or anonymous) through the session cookie, connected. */
export async function socketFor(url: string, userId: string | null, opts: { reconnectionDelay?: number } = {}): Promise<Socket> {
  const token = userId ? await encode({ token: { sub: userId }, secret: process.env.NEXTAUTH_SECRET ?? "" }) : undefined;
  const socket = connect(url, {
    path: "/socket.io/",
    transports: ["websocket"],
    extraHeaders: token ? { cookie: `next-auth.session-token=${token}` } : {},
    forceNew: true,
    ...(opts.reconnectionDelay ? { reconnectionDelay: opts.reconnectionDelay, reconnectionDelayMax: opts.reconnectionDelay * 2 } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}
