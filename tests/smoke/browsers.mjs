// The page in every browser engine, the same bits: Chromium (Blink, V8),
// Firefox (Gecko, SpiderMonkey) and WebKitGTK (WebKit, JavaScriptCore),
// each driven by its own WebDriver through selenium-webdriver, against the
// production build. Per browser: the first-load Loss, then 25 Steps, whose
// Loss and every ŷ must equal the command line's bit for bit; Play and
// Pause; a copied link opened in the same browser; an exported JSON
// imported; the diagram drawn; no error thrown. Prints one line per browser
// and "smoke: N passed, M failed"; exits 1 on a failure.
//
// `node tests/smoke/browsers.mjs [chromium] [firefox] [webkit]` (all three by default).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, By, until } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import firefox from 'selenium-webdriver/firefox.js';

/** Beside the browser tests' server (BACKPROP_LAB_TEST_PORT, 4173): a second checkout on the machine sets its own. */
const BASE = Number(process.env.BACKPROP_LAB_TEST_PORT || 4173);
const PORT = BASE + 3;
const PAGE = `http://127.0.0.1:${PORT}/`;
const CLI = 'target/debug/backprop-lab';
const GECKODRIVER = process.env.GECKODRIVER ?? `${process.env.HOME}/.cargo/bin/geckodriver`;
const WEBKIT_PORT = BASE + 4;

/** The command line's JSON for `args`. @param {string[]} args */
const cli = (args) => JSON.parse(execFileSync(CLI, args, { encoding: 'utf8' }));

/**
 * Starts a server and resolves once it prints `ready` (at once for null); `stop` ends its process group.
 * @param {string} command @param {string[]} args @param {string | null} ready @param {Record<string, string>} [env] more environment
 */
async function start(command, args, ready, env = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, ...env } });
  let said = '';
  await new Promise((resolve, reject) => {
    const look = (/** @type {Buffer} */ chunk) => {
      said += String(chunk);
      if (ready !== null && said.includes(ready)) resolve(undefined);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}: ${said.trim()}`)));
    // A command that is not installed: a failure of this browser's run, named, not a crash of the suite.
    child.on('error', (e) => reject(new Error(`${command} could not start (${e.message}); scripts/browsers.sh installs it`)));
    if (ready === null) setTimeout(resolve, 200);
  });
  return () => {
    try {
      process.kill(-(child.pid ?? 0), 'SIGTERM');
    } catch {
      child.kill();
    }
  };
}

/** Resolves once `url` answers (a driver that is up), or rejects after 10 s. @param {string} url */
async function untilAnswers(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** The three browsers: how to start each one's driver session. @type {Record<string, () => Promise<{ driver: import('selenium-webdriver').WebDriver, stop: () => void }>>} */
const BROWSERS = {
  async chromium() {
    const options = new chrome.Options().setChromeBinaryPath('/usr/bin/chromium');
    options.addArguments(
      '--headless=new',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    );
    const service = new chrome.ServiceBuilder('/usr/bin/chromedriver');
    const driver = await new Builder().forBrowser('chrome').setChromeOptions(options).setChromeService(service).build();
    return { driver, stop: () => {} };
  },
  async firefox() {
    const options = new firefox.Options().setBinary('/usr/bin/firefox-esr');
    options.addArguments('-headless');
    const service = new firefox.ServiceBuilder(GECKODRIVER);
    const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
    return { driver, stop: () => {} };
  },
  async webkit() {
    // WebKitGTK's MiniBrowser driven by Debian's WebKitWebDriver (it prints nothing when ready). WebKitGTK
    // has no headless mode ("cannot open display" without one): a virtual display, Xvfb, stands in. Under
    // LANG=C its navigator.language is "C", which Intl refuses (uPlot's first line throws "invalid language
    // tag: C"); a browser a person runs has a real language, so the suite gives it one.
    const stop = await start('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${WEBKIT_PORT}`, '--host=127.0.0.1'], null, {
      LANG: 'en_US.UTF-8',
    });
    await untilAnswers(`http://127.0.0.1:${WEBKIT_PORT}/status`);
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${WEBKIT_PORT}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] },
      })
      .build();
    return { driver, stop };
  },
};

/**
 * One browser's run of the smoke steps; throws at the first that fails.
 * @param {import('selenium-webdriver').WebDriver} driver
 */
async function smoke(driver) {
  const readout = async (/** @type {string} */ id) => Number(await driver.findElement(By.id(id)).getText());
  const waitFor = (/** @type {() => Promise<boolean>} */ ok, /** @type {string} */ what) => driver.wait(ok, 20_000, what);
  const expectEqual = (/** @type {unknown} */ got, /** @type {unknown} */ want, /** @type {string} */ what) => {
    if (!Object.is(got, want)) throw new Error(`${what}: got ${got}, the command line's is ${want}`);
  };
  // Errors thrown by the page are collected from the first script on (an error event listener added at once).
  /** @type {string[]} */
  const errors = [];
  // Errors thrown by a page, collected from when it is opened; read before it is left.
  const listen = () =>
    driver.executeScript(
      'window.__errors = []; addEventListener("error", (e) => window.__errors.push(String(e.message))); addEventListener("unhandledrejection", (e) => window.__errors.push(String(e.reason)));',
    );
  const collect = async () => errors.push(.../** @type {string[] | null} */ ((await driver.executeScript('return window.__errors')) ?? []));
  await driver.get(PAGE);
  await listen();
  await waitFor(
    async () => Number.isFinite(await readout('loss')) && (await driver.findElement(By.id('loss')).getText()) !== '',
    'the first Loss',
  );
  expectEqual(await readout('loss'), cli(['train', '--preset', 'xor', '--iterations', '0']).loss, 'first-load Loss');

  // 25 Steps: the Loss and every ŷ (the cells' titles hold every digit) as the command line's.
  const step = await driver.findElement(By.id('step'));
  for (let i = 1; i <= 25; i++) {
    await step.click();
    await waitFor(async () => (await readout('iteration')) === i, `iteration ${i}`);
  }
  const expected = cli([
    'train',
    '--preset',
    'xor',
    '--iterations',
    '25',
    '--predict',
    '0,0',
    '--predict',
    '0,1',
    '--predict',
    '1,0',
    '--predict',
    '1,1',
  ]);
  await waitFor(async () => (await readout('loss')) === expected.loss, 'the Loss after 25 Steps');
  const yHats = async () =>
    /** @type {string[]} */ (
      await driver.executeScript('return [...document.querySelectorAll("#data-table td.prediction")].map((td) => td.title)')
    )
      .map(Number)
      .join();
  const want = expected.predictions.map((p) => p[0]).join();
  await driver.wait(async () => (await yHats()) === want, 10_000).catch(() => {});
  expectEqual(await yHats(), want, 'ŷ after 25 Steps');

  // Play, then Pause.
  await driver.findElement(By.id('play')).click();
  await waitFor(async () => (await readout('iteration')) > 100, 'Play trains');
  await driver.findElement(By.id('play')).click();
  await waitFor(async () => (await driver.findElement(By.id('play')).getText()) === 'Play', 'Pause');
  await driver.sleep(300);
  const [iteration, loss] = [await readout('iteration'), await readout('loss')];
  expectEqual(loss, cli(['train', '--preset', 'xor', '--iterations', String(iteration)]).loss, `Loss at iteration ${iteration} after Play`);

  // The diagram is drawn: many pixels are not blank.
  const ink = await driver.executeScript(
    'const c = document.getElementById("network-canvas"); const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;',
  );
  if (/** @type {number} */ (ink) < 1000) throw new Error(`the diagram is blank (${ink} pixels)`);

  // Copy link, then open it in the same browser: the same Loss.
  await driver.findElement(By.id('copy-link')).click();
  const field = await driver.wait(until.elementLocated(By.css('#share-messages input, #share-messages textarea')), 10_000);
  const link = await field.getAttribute('value');
  await collect();
  await driver.get('about:blank');
  await driver.get(link);
  await listen();
  await waitFor(async () => (await readout('loss')) === loss && (await readout('iteration')) === iteration, 'the link opens the same run');

  // Import an exported JSON (the engine's own file): the same Loss.
  const saved = await driver.executeAsyncScript(
    'const done = arguments[arguments.length - 1]; window.backpropLab.model.request("export", { format: "json" }).then((b) => done(new TextDecoder().decode(b)));',
  );
  const path = join(mkdtempSync(join(tmpdir(), 'backprop-lab-smoke-')), 'run.json');
  writeFileSync(path, /** @type {string} */ (saved));
  await driver.findElement(By.id('start-over')).click();
  await waitFor(async () => (await readout('iteration')) === 0, 'Start over');
  await driver.findElement(By.id('import-json')).sendKeys(path);
  await waitFor(async () => (await readout('loss')) === loss && (await readout('iteration')) === iteration, 'the imported run');

  await collect();
  if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
  const version = /** @type {string} */ ((await driver.getCapabilities()).get('browserVersion') ?? '?');
  return `Loss after 25 Steps ${expected.loss} (bit for bit), ${iteration} iterations played, link and import reopen the run; version ${version}`;
}

const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(BROWSERS);
const stopServer = await start('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], String(PORT));
let [passed, failed] = [0, 0];
try {
  for (const name of wanted) {
    let session;
    try {
      session = await BROWSERS[name]();
      console.log(`smoke ${name}: ok: ${await smoke(session.driver)}`);
      passed++;
    } catch (e) {
      console.log(`smoke ${name}: FAILED: ${/** @type {Error} */ (e).message.split('\n')[0]}`);
      failed++;
    } finally {
      await session?.driver.quit().catch(() => {});
      session?.stop();
    }
  }
} finally {
  stopServer();
}
console.log(`smoke: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
