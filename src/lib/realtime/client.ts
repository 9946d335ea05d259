"use client";

import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type SadiqSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SocketState = "connecting" | "live" | "offline";

let shared: SadiqSocket | undefined;

/** One same-origin socket per tab, shared by every component that needs live updates. */
export function getSocket(): SadiqSocket {
  shared ??= io({ path: "/socket.io/", withCredentials: true });
  return shared;
}

export interface SocketStatus {
  state: SocketState;
  transport?: string;
  userId?: string | null;
}

export function useSocketStatus(): SocketStatus {
  const [status, setStatus] = useState<SocketStatus>({ state: "connecting" });
  useEffect(() => {
    const socket = getSocket();
    const update = () => {
      if (!socket.connected) {
        setStatus((s) => ({ ...s, state: socket.active ? "connecting" : "offline" }));
        return;
      }
      const transport = socket.io.engine?.transport.name;
      setStatus((s) => ({ ...s, state: "live", transport }));
      socket.emit("whoami", (info) => setStatus((s) => ({ ...s, userId: info.userId })));
      socket.io.engine?.once("upgrade", () => setStatus((s) => ({ ...s, transport: socket.io.engine?.transport.name })));
    };
    const offline = () => setStatus((s) => ({ ...s, state: "offline" }));
    update();
    socket.on("connect", update);
    socket.on("disconnect", offline);
    socket.on("connect_error", offline);
    return () => {
      socket.off("connect", update);
      socket.off("disconnect", offline);
      socket.off("connect_error", offline);
    };
  }, []);
  return status;
}
