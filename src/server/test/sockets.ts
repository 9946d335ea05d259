import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import type { DbHandle } from "../db/client";
import { type Dispatcher, startDispatcher } from "../realtime/dispatcher";
import { attachSocketIo, type SadiqIo } from "../realtime/io";

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

export interface LiveServer {
  io: SadiqIo;
  url: string;
  dispatcher: Dispatcher;
  close: () => Promise<void>;
}

/** Socket.IO on a free loopback port with the outbox dispatcher running, wired as the app wires them. */
export async function liveServer(h: DbHandle): Promise<LiveServer> {
  const server = createServer();
  const io = attachSocketIo(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const dispatcher = await startDispatcher(h, io);
  return {
    io,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dispatcher,
    close: async () => {
      await dispatcher.stop();
      await new Promise<void>((r) => io.close(() => r()));
    },
  };
}
