// Lighthouse, mobile preset (simulated slow 4G, 4x CPU slowdown), on the sign-in page and,
// signed in as a partner, the partner home, each with an empty HTTP cache. Prints one JSON line
// per page for `cargo xtask bench`.
// Usage: node run.mjs <base-url> <email> <password>, with TOOLS naming the folder whose
// node_modules hold lighthouse and puppeteer-core, and CHROME_PATH naming Chromium.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const from = createRequire(`${process.env.TOOLS}/package.json`);
const load = async (name) => (await import(pathToFileURL(from.resolve(name)).href)).default;
const puppeteer = await load('puppeteer-core');
const lighthouse = await load('lighthouse');

const [base, email, password] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH,
  headless: true,
  args: ['--no-sandbox'],
});
const page = await browser.newPage();
const cdp = await page.createCDPSession();
const flags = {
  output: 'json',
  logLevel: 'error',
  onlyCategories: ['performance', 'accessibility', 'best-practices'],
};

async function audit(name, url, keepStorage) {
  await cdp.send('Network.clearBrowserCache');
  const result = await lighthouse(url, { ...flags, disableStorageReset: keepStorage }, undefined, page);
  const { categories, audits } = result.lhr;
  console.log(JSON.stringify({
    page: name,
    performance: categories.performance.score,
    accessibility: categories.accessibility.score,
    best_practices: categories['best-practices'].score,
    fcp_ms: Math.round(audits['first-contentful-paint'].numericValue),
    lcp_ms: Math.round(audits['largest-contentful-paint'].numericValue),
    cls: audits['cumulative-layout-shift'].numericValue,
    tbt_ms: Math.round(audits['total-blocking-time'].numericValue),
  }));
}

await audit('sign-in page', `${base}/login`, false);
// Signing in leaves the session cookie and the app's sign-in hint, which the audit keeps (it
// empties only the cache).
await page.goto(`${base}/login`);
await page.waitForSelector('#email');
await page.type('#email', email);
await page.type('#password', password);
await page.click('#sign-in');
await page.waitForSelector('#welcome');
await audit('partner home', `${base}/`, true);
await browser.close();
