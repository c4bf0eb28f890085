// Browser tests: Debian's Chromium (never a downloaded browser) against the
// production build (dist/), served by `vite preview`.
import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './tests/chromium.js';

/** The preview server's port: another suite on the same machine (a second checkout) sets its own. */
const PORT = Number(process.env.BACKPROP_LAB_TEST_PORT || 4173);

export default defineConfig({
  testDir: 'tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    // The page's language follows the browser's: the tests speak English unless they ask (?lang=zh-CN).
    locale: 'en-US',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
