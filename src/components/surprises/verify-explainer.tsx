import { getTranslations } from "next-intl/server";

/** Commit–reveal in plain words, and how to check a draw by hand. */
export async function VerifyExplainer() {
  const t = await getTranslations("surprises.explain");
  const steps = ["commit", "draw", "reveal", "check"] as const;
  return (
    <section aria-labelledby="explain-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
      <h2 id="explain-title" className="text-lg font-bold">
        {t("title")}
      </h2>
      <p className="text-stone-800">{t("intro")}</p>
      <ol className="flex list-decimal flex-col gap-2 pl-5 text-stone-800">
        {steps.map((s) => (
          <li key={s}>
            <span className="font-semibold">{t(`${s}Title`)}</span> {t(s)}
          </li>
        ))}
      </ol>
      <p className="text-stone-800">{t("why")}</p>
      <details className="text-sm">
        <summary className="min-h-11 cursor-pointer content-center font-semibold text-brand-700">{t("byHandTitle")}</summary>
        <p className="mb-2 text-stone-800">{t("byHand")}</p>
        <pre className="overflow-x-auto rounded-lg bg-stone-900 p-3 font-mono text-xs text-stone-50">
          {`# ${t("byHandCommit")}
echo -n "$SEED" | xxd -r -p | openssl dgst -sha256
# ${t("byHandRoll")}
echo -n "$DRAW_ID" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$SEED
# ${t("byHandReduce")}
node -e 'console.log((BigInt("0x"+process.argv[1].slice(0,16)) % BigInt(process.argv[2])).toString())' "$HMAC" "$TOTAL"`}
        </pre>
      </details>
    </section>
  );
}
