/**
 * The typed Socket.IO contract shared by the server and the browser. Add an event here first;
 * both sides then fail to compile until they agree on it.
 */
export interface WhoAmI {
  userId: string | null;
}

export type JoinResult = { ok: true; room: string } | { ok: false; error: "not_found" | "forbidden" | "invalid" };

export interface ServerToClientEvents {
  /** Sent once after connecting so the client knows the server sees its session. */
  hello: (info: WhoAmI) => void;
}

export interface ClientToServerEvents {
  whoami: (ack: (info: WhoAmI) => void) => void;
  /** Join a brand's public room; anyone may, since it carries only public events. */
  "brand:join": (brandSlug: string, ack: (result: JoinResult) => void) => void;
  "brand:leave": (brandSlug: string) => void;
}

export interface SocketData {
  userId: string | null;
}

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  brand: (brandId: string) => `brand:${brandId}`,
};
