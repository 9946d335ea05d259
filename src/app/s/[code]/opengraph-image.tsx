import { notFound } from "next/navigation";
import { SHARE_IMAGE_SIZE, shareImage } from "@/components/shares/share-image";
import { loadSharePage } from "./share-data";

// The achievement changes with every quest the sharer completes: never cache the image.
export const dynamic = "force-dynamic";
export const size = SHARE_IMAGE_SIZE;
export const contentType = "image/png";
export const alt = "A member's achievements: quests completed, points earned and best streak";

export default async function Image({ params }: { params: Promise<{ code: string }> }) {
  const page = await loadSharePage((await params).code);
  if (!page) notFound();
  return shareImage(page);
}
