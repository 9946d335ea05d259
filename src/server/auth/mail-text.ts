import { type Locale, locales } from "@/i18n/config";

// E-mails are sent outside a request, so the locale comes from where the member was headed:
// the sign-in form puts its locale in the callback URL.
const TEXT: Record<Locale, { subject: string; intro: string; button: string; ignore: string }> = {
  en: {
    subject: "Your Sadiq sign-in link",
    intro: "Use this link to sign in to Sadiq. It works once and expires in 15 minutes.",
    button: "Sign in",
    ignore: "If you did not ask for this, you can ignore this e-mail.",
  },
  az: {
    subject: "Sadiq-ə giriş keçidiniz",
    intro: "Sadiq-ə daxil olmaq üçün bu keçiddən istifadə edin. O, bir dəfə işləyir və 15 dəqiqəyə etibarsız olur.",
    button: "Daxil ol",
    ignore: "Bunu siz istəməmisinizsə, bu məktubu nəzərə almayın.",
  },
  tr: {
    subject: "Sadiq giriş bağlantınız",
    intro: "Sadiq'e giriş yapmak için bu bağlantıyı kullanın. Bir kez çalışır ve 15 dakika içinde geçerliliğini yitirir.",
    button: "Giriş yap",
    ignore: "Bunu siz istemediyseniz bu e-postayı yok sayabilirsiniz.",
  },
  ka: {
    subject: "თქვენი Sadiq-ში შესვლის ბმული",
    intro: "გამოიყენეთ ეს ბმული Sadiq-ში შესასვლელად. ის ერთხელ მუშაობს და 15 წუთში ვადა გასდის.",
    button: "შესვლა",
    ignore: "თუ ეს თქვენ არ მოითხოვეთ, უბრალოდ უგულებელყავით ეს წერილი.",
  },
};

export function localeOfLink(url: string): Locale {
  try {
    const callback = new URL(url).searchParams.get("callbackUrl") ?? "";
    const lang = new URL(callback, "http://x").searchParams.get("lang");
    return (locales as readonly string[]).includes(lang ?? "") ? (lang as Locale) : "en";
  } catch {
    return "en";
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function magicLinkMail(url: string) {
  const t = TEXT[localeOfLink(url)];
  const safe = escapeHtml(url);
  return {
    subject: t.subject,
    text: `${t.intro}\n\n${url}\n\n${t.ignore}\n`,
    html: `<p>${escapeHtml(t.intro)}</p><p><a href="${safe}">${escapeHtml(t.button)}</a></p><p>${escapeHtml(t.ignore)}</p>`,
  };
}
