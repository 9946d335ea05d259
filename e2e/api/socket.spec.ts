import { expect, test } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../src/lib/realtime/events";
import { BASE_URL } from "../support/env";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

function connect(headers: Record<string, string> = {}): Client {
  return io(BASE_URL, { path: "/socket.io/", transports: ["websocket"], extraHeaders: headers, reconnection: false, forceNew: true });
}

test("an anonymous socket is answered with a null user and may join only public brand rooms", async () => {
  const socket = connect();
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    expect(socket.io.engine.transport.name).toBe("websocket");
    expect(await socket.emitWithAck("whoami")).toEqual({ userId: null });
    expect(await socket.emitWithAck("brand:join", "demo")).toEqual({ ok: true, room: expect.stringMatching(/^brand:[0-9a-f-]{36}$/) });
    expect(await socket.emitWithAck("brand:join", "no-such-brand")).toEqual({ ok: false, error: "not_found" });
    expect(await socket.emitWithAck("brand:join", "../../etc" as string)).toEqual({ ok: false, error: "invalid" });
  } finally {
    socket.disconnect();
  }
});

test("a handshake from another site's page is refused", async () => {
  const socket = connect({ origin: "http://evil.test" });
  try {
    const outcome = await new Promise<string>((resolve) => {
      socket.once("connect", () => resolve("connected"));
      socket.once("connect_error", () => resolve("refused"));
    });
    expect(outcome).toBe("refused");
  } finally {
    socket.disconnect();
  }
});
