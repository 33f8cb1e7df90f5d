// Screenshots of the page on a served real clip-art catalog: node wp-shoot.js BASE OUTDIR
const { chromium } = require(process.env.PW_PACKAGE);
const [base, out] = process.argv.slice(2);
const pictures = () => Promise.all([...document.images]
  .filter((i) => i.getClientRects().length > 0 && i.getBoundingClientRect().top < innerHeight && i.getBoundingClientRect().bottom > 0 && i.getAttribute("src") && !i.complete)
  .map((i) => new Promise((r) => { i.addEventListener("load", r, { once: true }); i.addEventListener("error", r, { once: true }); })));
(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"], timeout: 0 });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(0);
  const open = async (path) => { await page.goto(base + path); await page.locator("body[data-ready='true']").waitFor(); };
  const shot = async (name) => { await page.evaluate(pictures); await page.screenshot({ path: `${out}/${name}.png` }); console.log(name); };

  await open("/");
  await page.locator("#grid .tile").first().waitFor();
  await shot("search");

  const clock = process.env.CLOCK_ID;
  await open(`/?similar=${clock}`);
  await page.locator("#status", { hasText: "like image" }).waitFor();
  await shot("search-similar");
  await page.locator(`#grid .tile`).nth(1).click();
  await page.locator("#detail-body .facts").first().waitFor();
  await shot("detail");

  await open("/?tab=dupes");
  await page.locator("#dupes .group").first().waitFor();
  await shot("dupes");

  await open("/?tab=clusters");
  await page.locator("#clusters-status", { hasText: "Map: UMAP" }).waitFor();
  const dot = page.locator("#cluster-map circle.dot").nth(40);
  await dot.dispatchEvent("pointerover");
  await page.locator("#map-tip").waitFor();
  await shot("clusters");
  await page.locator("#map-legend .legend-item").nth(8).click();
  await page.locator("#cluster-grid .tile").first().waitFor();
  await shot("cluster");
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
