// Swagger UI at the gateway, in a real Chromium: signs in through Keycloak (authorization code with
// PKCE, public client kiroku-web) as USER/PASSWORD, then runs GET /api/v1/social/me from Swagger UI
// with the token it got. Exit 0 when the login page was asked for a code challenge, the token
// request carried the code verifier, and the call answered 200. Run by deploy/local/e2e-smoke
// (node, playwright-core, Debian's chromium); env: GATEWAY, KIROKU_USER, KIROKU_PASSWORD, CHROMIUM.
const { chromium } = require('playwright-core');

const gateway = process.env.GATEWAY || 'http://127.0.0.1:8080';

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    let tokenRequest = '';
    let meStatus = null;
    context.on('request', r => {
      if (r.url().includes('/protocol/openid-connect/token')) tokenRequest = r.postData() || '';
    });
    context.on('response', r => {
      if (r.url().endsWith('/api/v1/social/me')) meStatus = r.status();
    });

    await page.goto(`${gateway}/q/swagger-ui/`);
    await page.waitForSelector('.opblock', { timeout: 30000 });
    await page.click('button.authorize');
    const keycloak = page.locator('.auth-container').filter({ hasText: 'keycloak' });
    const [login] = await Promise.all([
      page.waitForEvent('popup'),
      keycloak.locator('button.authorize').click(),
    ]);
    await login.waitForSelector('#username', { timeout: 30000 });
    const challenged = login.url().includes('code_challenge=');
    await login.fill('#username', process.env.KIROKU_USER || 'alice');
    await login.fill('#password', process.env.KIROKU_PASSWORD || 'alice');
    await login.click('#kc-login');
    await page.locator('.modal-ux').getByText('Authorized', { exact: true }).first()
      .waitFor({ timeout: 30000 });
    await page.locator('.modal-ux button.close-modal').first().click();

    const me = page.locator('.opblock')
      .filter({ has: page.locator('[data-path="/api/v1/social/me"]') })
      .filter({ hasText: 'GET' }).first();
    await me.locator('.opblock-summary').click();
    await me.locator('button.try-out__btn').click();
    await me.locator('button.execute').click();
    await me.locator('.live-responses-table .response-col_status').first().waitFor({ timeout: 20000 });

    const verifier = tokenRequest.includes('code_verifier=');
    console.log(`code challenge asked: ${challenged}, code verifier sent: ${verifier}, GET /api/v1/social/me: ${meStatus}`);
    process.exitCode = challenged && verifier && meStatus === 200 ? 0 : 1;
  } finally {
    await browser.close();
  }
})().catch(e => {
  console.error(`failed: ${e.message.split('\n')[0]}`);
  process.exitCode = 2;
});
