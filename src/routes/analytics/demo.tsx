/** The demo merchant website: the banner, the tracker, a blocked marketing tag and a privacy-choices link. */
const WORDS = {
  vi: { title: 'Shop Hoa Mai — Lan hồ điệp', intro: 'Trang web mẫu dùng banner cookie và bộ đếm truy cập của Pledge.', next: 'Trang sản phẩm', choices: 'Lựa chọn quyền riêng tư' },
  en: { title: 'Shop Hoa Mai — orchids', intro: 'A demo website using Pledge\'s cookie banner and tracker.', next: 'Products page', choices: 'Privacy choices' },
} as const;

/** The page for site `id` in `lang`, its banner showing the site's notice version. */
export function demoSite(id: string, lang: 'vi' | 'en', notice: string): string {
  const w = WORDS[lang];
  const page = (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{w.title}</title>
        <script src="/assets/sdk/banner.js" data-site={id} data-notice={notice} data-services-analytics="Pledge Analytics" data-services-marketing="Demo retargeting tag"></script>
        <script src="/assets/sdk/tracker.js" data-site={id} defer></script>
        <script type="text/plain" data-category="marketing" src="/assets/sdk/demo-marketing-tag.js"></script>
      </head>
      <body>
        <main>
          <h1>{w.title}</h1>
          <p>{w.intro}</p>
          <p><a href={`/demo/${id}?lang=${lang}&page=products&utm_source=zalo&email=secret`}>{w.next}</a></p>
        </main>
        <footer><a href="#" data-pledge-choices="">{w.choices}</a></footer>
      </body>
    </html>
  );
  return `<!doctype html>${page.toString()}`;
}

/** A retargeting tag as ad networks ship them: runs only once the banner activates it, and records nothing once marketing is off. */
export const marketingTag = `(function () {
  var w = window, c = w.pledge && w.pledge.consent, s = document.querySelector('script[data-site]');
  w.__marketingRuns = (w.__marketingRuns || 0) + 1;
  function hit() {
    var now = c.get();
    if (!now.marketing) return;
    document.cookie = '_pm=1; path=/; max-age=2592000; SameSite=Lax';
    fetch('/api/collect', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ site: s.dataset.site, consent: { analytics: now.analytics, marketing: true, gpc: now.gpc }, events: [{ kind: 'retarget', at: Date.now(), url: location.href }] }) });
  }
  hit();
  c.on(hit);
})();
`;
