import { notFound } from "next/navigation";
import { referralImage } from "@/components/referrals/referral-image";
import { SHARE_IMAGE_SIZE } from "@/components/shares/share-image";
import { loadLanding } from "./landing-data";

// Staff can change the offer at any time: never cache the image.
export const dynamic = "force-dynamic";
export const size = SHARE_IMAGE_SIZE;
export const contentType = "image/png";
export const alt = "An invitation from a member, with the welcome offer for friends who join";

export default async function Image({ params }: { params: Promise<{ code: string }> }) {
  const view = await loadLanding((await params).code);
  if (!view) notFound();
  return referralImage(view);
}
