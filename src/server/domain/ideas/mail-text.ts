import { type Locale, locales } from "@/i18n/config";
import type { NotificationItem } from "@/lib/ideas/types";
import type { IdeaStatus } from "@/lib/validation/ideas";

type Kind = NotificationItem["kind"];

interface Texts {
  subject: Record<Kind, string>;
  status: Record<IdeaStatus, string>;
  /** `{title}`, `{status}` and `{into}` are replaced. */
  line: { status: string; merged: string; approve: string; reject: string; hide: string; comment: string; payoff: string };
  note: string;
  reason: string;
  open: string;
  unmute: string;
}

const TEXT: Record<Locale, Texts> = {
  en: {
    subject: {
      "idea.status": "Idea update",
      "idea.comment": "New comment on an idea",
      "idea.merged": "Idea merged",
      "idea.moderated": "Your idea was reviewed",
      "idea.payoff": "Your idea earned points",
    },
    status: {
      open: "open",
      under_review: "under review",
      planned: "planned",
      in_progress: "in progress",
      shipped: "shipped",
      declined: "declined",
      duplicate: "duplicate",
    },
    line: {
      status: "The idea “{title}” is now {status}.",
      merged: "The idea “{title}” was merged into “{into}”. Its votes now count there.",
      approve: "Your idea “{title}” was approved and is now visible to everyone.",
      reject: "Your idea “{title}” was not accepted.",
      hide: "Your idea “{title}” was hidden by the moderators.",
      comment: "There is a new comment on the idea “{title}”.",
      payoff: "Your idea “{title}” earned you points.",
    },
    note: "Note",
    reason: "Reason",
    open: "Open the idea",
    unmute: "You get this because you wrote, voted for or commented on this idea. To stop these e-mails, open the idea and choose “Mute”.",
  },
  az: {
    subject: {
      "idea.status": "İdeya yeniləndi",
      "idea.comment": "İdeyaya yeni şərh",
      "idea.merged": "İdeya birləşdirildi",
      "idea.moderated": "İdeyanız nəzərdən keçirildi",
      "idea.payoff": "İdeyanız xal qazandırdı",
    },
    status: {
      open: "açıq",
      under_review: "baxılır",
      planned: "planlaşdırılıb",
      in_progress: "icra olunur",
      shipped: "həyata keçirilib",
      declined: "rədd edilib",
      duplicate: "təkrar",
    },
    line: {
      status: "“{title}” ideyasının statusu indi: {status}.",
      merged: "“{title}” ideyası “{into}” ideyası ilə birləşdirildi. Səsləri artıq orada sayılır.",
      approve: "“{title}” ideyanız təsdiqləndi və indi hamıya görünür.",
      reject: "“{title}” ideyanız qəbul edilmədi.",
      hide: "“{title}” ideyanız moderatorlar tərəfindən gizlədildi.",
      comment: "“{title}” ideyasına yeni şərh yazılıb.",
      payoff: "“{title}” ideyanız sizə xal qazandırdı.",
    },
    note: "Qeyd",
    reason: "Səbəb",
    open: "İdeyanı aç",
    unmute:
      "Bu məktubu ideyanı yazdığınız, ona səs verdiyiniz və ya şərh yazdığınız üçün alırsınız. Dayandırmaq üçün ideyanı açıb “Səssiz et” seçin.",
  },
  tr: {
    subject: {
      "idea.status": "Fikir güncellendi",
      "idea.comment": "Bir fikre yeni yorum",
      "idea.merged": "Fikir birleştirildi",
      "idea.moderated": "Fikriniz incelendi",
      "idea.payoff": "Fikriniz puan kazandırdı",
    },
    status: {
      open: "açık",
      under_review: "inceleniyor",
      planned: "planlandı",
      in_progress: "yapılıyor",
      shipped: "hayata geçti",
      declined: "reddedildi",
      duplicate: "kopya",
    },
    line: {
      status: "“{title}” fikrinin durumu artık: {status}.",
      merged: "“{title}” fikri “{into}” fikriyle birleştirildi. Oyları artık orada sayılıyor.",
      approve: "“{title}” fikriniz onaylandı ve artık herkes tarafından görülebiliyor.",
      reject: "“{title}” fikriniz kabul edilmedi.",
      hide: "“{title}” fikriniz moderatörler tarafından gizlendi.",
      comment: "“{title}” fikrine yeni bir yorum yazıldı.",
      payoff: "“{title}” fikriniz size puan kazandırdı.",
    },
    note: "Not",
    reason: "Neden",
    open: "Fikri aç",
    unmute:
      "Bu e-postayı bu fikri yazdığınız, oy verdiğiniz veya yorum yaptığınız için alıyorsunuz. Durdurmak için fikri açıp “Sessize al”ı seçin.",
  },
  ka: {
    subject: {
      "idea.status": "იდეა განახლდა",
      "idea.comment": "ახალი კომენტარი იდეაზე",
      "idea.merged": "იდეა გაერთიანდა",
      "idea.moderated": "თქვენი იდეა განიხილეს",
      "idea.payoff": "თქვენმა იდეამ ქულები მოგიტანათ",
    },
    status: {
      open: "ღია",
      under_review: "განხილვაშია",
      planned: "დაგეგმილია",
      in_progress: "მიმდინარეობს",
      shipped: "განხორციელდა",
      declined: "უარყოფილია",
      duplicate: "დუბლიკატი",
    },
    line: {
      status: "იდეის „{title}“ სტატუსი ახლა არის: {status}.",
      merged: "იდეა „{title}“ გაერთიანდა იდეასთან „{into}“. მისი ხმები ახლა იქ ითვლება.",
      approve: "თქვენი იდეა „{title}“ დამტკიცდა და ახლა ყველასთვის ხილულია.",
      reject: "თქვენი იდეა „{title}“ არ იქნა მიღებული.",
      hide: "თქვენი იდეა „{title}“ მოდერატორებმა დამალეს.",
      comment: "იდეას „{title}“ ახალი კომენტარი დაემატა.",
      payoff: "თქვენმა იდეამ „{title}“ ქულები მოგიტანათ.",
    },
    note: "შენიშვნა",
    reason: "მიზეზი",
    open: "იდეის გახსნა",
    unmute: "ამ წერილს იღებთ, რადგან ეს იდეა დაწერეთ, ხმა მიეცით ან კომენტარი დაუწერეთ. შესაწყვეტად გახსენით იდეა და აირჩიეთ „დადუმება“.",
  },
};

export interface NotificationMailInput {
  kind: string;
  ideaId: string | null;
  ideaTitle: string | null;
  payload: Record<string, unknown>;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");
}

export function mailLocale(locale: string | null | undefined): Locale {
  return (locales as readonly string[]).includes(locale ?? "") ? (locale as Locale) : "en";
}

/**
 * The plain-text e-mail copy of an in-app notice. Titles come from members, so the mail is plain text
 * only (no HTML to inject into); the link uses the public address the server runs on.
 */
export function notificationMail(n: NotificationMailInput, locale: string | null | undefined, baseUrl: string) {
  const t = TEXT[mailLocale(locale)];
  const kind = (n.kind in t.subject ? n.kind : "idea.status") as Kind;
  const title = str(n.payload.title) ?? n.ideaTitle ?? "";
  const to = str(n.payload.to) as IdeaStatus | null;
  const values = { title, status: to ? (t.status[to] ?? to) : "", into: str(n.payload.intoTitle) ?? "" };
  const action = str(n.payload.action);
  let line: string;
  if (kind === "idea.merged") line = fill(t.line.merged, values);
  else if (kind === "idea.moderated")
    line = fill(action === "reject" ? t.line.reject : action === "hide" ? t.line.hide : t.line.approve, values);
  else if (kind === "idea.comment") line = fill(t.line.comment, values);
  else if (kind === "idea.payoff") line = fill(t.line.payoff, values);
  else line = fill(t.line.status, values);
  const lines = [line];
  const note = str(n.payload.note);
  if (note) lines.push(`${t.note}: ${note}`);
  const reason = str(n.payload.reason);
  if (reason) lines.push(`${t.reason}: ${reason}`);
  const link = n.ideaId ? `${baseUrl.replace(/\/+$/, "")}/ideas/${n.ideaId}` : baseUrl;
  lines.push("", `${t.open}: ${link}`, "", "--", t.unmute);
  const oneLine = title.replace(/\s+/g, " ");
  return { subject: oneLine ? `${t.subject[kind]}: ${oneLine}` : t.subject[kind], text: `${lines.join("\n")}\n` };
}
