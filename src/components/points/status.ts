import type { BadgeTone } from "../ui/badge";
import type { RedemptionStatus } from "./types";

export const statusTone: Record<RedemptionStatus, BadgeTone> = { awaiting_fulfilment: "amber", fulfilled: "green", cancelled: "grey" };
