// The page in 简体中文 and English: how the language is chosen, the switch
// during Play, a link made in Chinese opened in English, axe and the layout
// in Chinese, and a walk through every panel and state in Chinese that finds
// no English left outside a short allow-list.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, commit, settled, linkOf } from './fixtures.js';
import { cli } from './cli.js';

/** @typedef {import('@playwright/test').Page} Page */

/** The page opened in Chinese. @param {Page} page */
async function chinese(page) {
  await page.goto('/?lang=zh-CN');
  await expect(page.locator('#loss')).toHaveText(/\d/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
}

/** A readout's number, by its id (the names are Chinese). @param {Page} page @param {string} id */
async function number(page, id) {
  await settled(page);
  return Number(await page.locator(`#${id}`).textContent());
}

test('the language: ?lang= first, then the saved choice, then the browser, then English', async ({ page, browser, baseURL }) => {
  await chinese(page);
  await expect(page.getByRole('button', { name: '播放' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');
  // The selector switches at once and keeps the choice: a reload without ?lang= opens in English.
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  for (const [locale, lang] of [
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh-HK', 'zh-CN'],
    ['fr-FR', 'en'],
  ]) {
    const context = await browser.newContext({ locale, baseURL });
    const visit = await context.newPage();
    await visit.goto('/');
    await expect(visit.locator('html'), locale).toHaveAttribute('lang', lang);
    // The saved choice wins over the browser's languages; ?lang= wins over both.
    await visit.getByRole('combobox', { name: lang === 'en' ? 'Language' : '语言' }).selectOption(lang === 'en' ? 'zh-CN' : 'en');
    await expect(visit.locator('html')).toHaveAttribute('lang', lang === 'en' ? 'zh-CN' : 'en');
    await visit.goto('/');
    await expect(visit.locator('html'), `${locale}, saved`).toHaveAttribute('lang', lang === 'en' ? 'zh-CN' : 'en');
    await visit.goto(`/?lang=${lang}`);
    await expect(visit.locator('html'), `${locale}, ?lang=`).toHaveAttribute('lang', lang);
    await context.close();
  }
});

test('switching language during Play: the iterations go on counting and the loss is the same bits', async ({ page }) => {
  await commit(page.getByLabel('Iterations per frame'), '5');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => page.locator('#iteration').textContent().then(Number)).toBeGreaterThan(50);
  const before = Number(await page.locator('#iteration').textContent());
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('button', { name: '暂停' })).toBeVisible();
  await expect.poll(() => page.locator('#iteration').textContent().then(Number)).toBeGreaterThan(before + 50);
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await page.getByRole('button', { name: 'Pause' }).click();
  const iteration = await number(page, 'iteration');
  expect(iteration).toBeGreaterThan(before + 50);
  expect(await number(page, 'loss')).toBe(cli(['train', '--preset', 'xor', '--iterations', String(iteration)]).loss);
});

test('a link made in Chinese opens the same run in English; the saved run is the same bytes', async ({ page }) => {
  await chinese(page);
  await commit(page.getByLabel('训练到第几次迭代'), '321');
  await page.getByRole('button', { name: '训练到', exact: true }).click();
  await expect.poll(() => number(page, 'iteration')).toBe(321);
  const saved = await page.evaluate(async () => /** @type {any} */ (window).backpropLab.model.request('save'));
  await page.getByRole('button', { name: '复制链接' }).click();
  const link = await page.getByRole('textbox', { name: '指向当前状态的链接' }).inputValue();
  await page.goto('about:blank');
  await page.goto(link.replace('/#', '/?lang=en#'));
  await expect(page.getByLabel('Loss', { exact: true })).toHaveText(/\d/);
  expect(await number(page, 'iteration')).toBe(321);
  expect(await number(page, 'loss')).toBe(cli(['train', '--preset', 'xor', '--iterations', '321']).loss);
  expect(await page.evaluate(async () => /** @type {any} */ (window).backpropLab.model.request('save'))).toBe(saved);
});

test('axe finds no violation in Chinese, and the layout holds at 1440 and 390 px', async ({ page }) => {
  await chinese(page);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${width} px`).toBeLessThanOrEqual(0);
    // No control's text is clipped: a button or label wider inside than its box.
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll('button, label, summary, h2, h3, option')]
        .filter(
          (e) => e instanceof HTMLElement && e.offsetParent !== null && !e.closest('.visually-hidden') && e.scrollWidth > e.clientWidth + 1,
        )
        .map((e) => e.textContent?.trim()),
    );
    expect(clipped, `${width} px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: 'docs/screenshot-zh.png' });
});

/**
 * What is left in English in what is shown and said: every visible text, and the accessible names,
 * descriptions, titles, placeholders and alternatives, less what may stay (names, symbols, file names).
 * @param {Page} page
 */
async function englishLeft(page) {
  return page.evaluate(() => {
    // Names and symbols that are the same in Chinese.
    const allowed = [
      /Backprop Lab/g,
      /\b(?:NumPy|PyTorch|Python|ONNX|Netron|JSON|CSV|PNG|GPU|RMS|SSE|SGD|Adam|Xavier|He|Sigmoid|sigmoid|Tanh|tanh|ReLU|Softmax|softmax|XOR|XNOR|AND|OR|NAND|NOR|Siraj|Ludo|NaN|Shift|Delete|Space|MB|L2|id|GIF|WebM)\b/g,
      /\b[\w-]+\.(?:py|json|png|onnx|csv)\b/g, // file names
      /"[^"]*"/g, // what the learner types or runs, quoted
      /\b(?:and|or|xor|not)\b/g, // the expression language's words
      /\{"format"[^}]*\}/g,
      /\blast\b/g, // the target columns' word, which the page reads
      /\b(?:ln|exp|sin|epoch|trace|cuda|device|python3)\b/g, // sin: the input features sin(x1), sin(x2)
      /--[a-z-]+/g, // the command line's options
      /\b[a-z_]+(?:\[\d+\])*(?:\.[a-z_]+(?:\[\d+\])*)*(?=：)/g, // a JSON path, before what is wrong there
    ];
    /** @param {string} text */
    const rest = (text) => allowed.reduce((t, re) => t.replace(re, ' '), text);
    /** @type {string[]} */
    const found = [];
    /** @param {string} text @param {string} where */
    const look = (text, where) => {
      const words = rest(text).match(/[A-Za-z]{3,}/g);
      if (words) found.push(`${where}: "${text.trim().slice(0, 120)}" (${words.slice(0, 4).join(', ')})`);
    };
    const skip = 'code, kbd, pre, .num, script, style, [translate="no"]';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest(skip) || !parent.checkVisibility()) continue;
      if (parent.closest('select') && !(parent instanceof HTMLOptionElement)) continue;
      look(n.textContent ?? '', parent.id ? `#${parent.id}` : parent.localName);
    }
    for (const e of document.querySelectorAll('[aria-label], [aria-description], [title], [placeholder], img[alt]')) {
      if (!(e instanceof HTMLElement) || e.closest(skip) || !(e.checkVisibility() || e.localName === 'canvas')) continue;
      for (const name of ['aria-label', 'aria-description', 'title', 'placeholder', 'alt']) {
        const value = e.getAttribute(name);
        if (value) look(value, `${e.id ? `#${e.id}` : e.localName}[${name}]`);
      }
    }
    for (const id of ['network-description', 'plane-description', 'loss-description'])
      look(document.getElementById(id)?.textContent ?? '', `#${id}`);
    return found;
  });
}

test('a walk through every panel and state in Chinese finds no English left', async ({ page }) => {
  test.setTimeout(180_000);
  await chinese(page);
  /** @type {string[]} */
  const left = [];
  /** @param {string} state */
  const check = async (state) => {
    await settled(page);
    for (const f of await englishLeft(page)) left.push(`${state}: ${f}`);
  };
  await check('the page as it opens');

  // Training, an error where it was typed, the keys.
  await page.getByRole('button', { name: '单步', exact: true }).click();
  await commit(page.getByLabel('批大小'), '0');
  await expect(page.getByLabel('批大小')).toHaveAttribute('aria-invalid', 'true');
  await check('a refused batch size');
  await commit(page.getByLabel('批大小'), '2');
  await page.getByRole('button', { name: '快捷键 (?)' }).click();
  await check('the keys dialog');
  await page.getByRole('button', { name: '关闭' }).click();

  // The Step inspector, every phase, the gradient check, its tools.
  for (const phase of ['前向传播', '损失', '反向传播', '梯度']) {
    await page.getByRole('group', { name: '阶段' }).getByRole('button', { name: phase, exact: true }).click();
    await check(`the inspector's ${phase}`);
  }
  await page.getByLabel('梯度检验').check();
  await page.getByText('修改权重，回到某一轮').click();
  await check('the gradient check and the inspector tools');
  await page.getByRole('group', { name: '阶段' }).getByRole('button', { name: '执行更新' }).click();
  await check('an update applied');

  // The Why tools.
  await page.getByText('它为什么学得会（学不会）？').click();
  await page.getByRole('button', { name: '找一个学习率' }).click();
  await expect(page.locator('#finder-result')).toContainText('η');
  await check('the Why tools');

  // Compare.
  await page.getByRole('button', { name: '比较', exact: true }).click();
  await commit(page.getByLabel('学习率', { exact: true }), '0.5');
  await expect(page.locator('#compare-summary')).toContainText('学习率');
  await check('Compare');
  await page.getByRole('button', { name: '保留 B' }).click();

  // The exports' messages.
  await page.getByRole('button', { name: '导出 JSON' }).click();
  await check('Export JSON');

  // Each kind of dataset: a truth table, a point set, a table with held-out rows, the digits and their pad, own data.
  for (const name of ['parity-3', 'moons', 'wine', 'digits']) {
    await page.getByLabel('数据集').selectOption(name);
    await settled(page);
    await check(`the dataset ${name}`);
    if (name !== 'moons') continue;
    // TensorFlow Playground's controls: a feature on, the plane discretised, a neuron's curve, a recording.
    await page.getByRole('checkbox', { name: '输入特征 x1²' }).check();
    await page.getByLabel('输出离散化').check();
    await page.getByRole('combobox', { name: '神经元', exact: true }).selectOption({ index: 1 });
    await expect(page.locator('#curve-description')).not.toBeEmpty();
    await page.getByRole('button', { name: '录制', exact: true }).click();
    await page.getByRole('button', { name: '停止录制' }).click();
    await expect(page.locator('#record-status')).toContainText('已录制');
    await check('input features, the plane discretised, the activation curve, a recording');
  }
  await commit(page.getByLabel('训练到第几次迭代'), '30');
  await page.getByRole('button', { name: '训练到', exact: true }).click();
  await expect(page.getByRole('region', { name: '混淆矩阵' })).toBeVisible();
  await check('the digits trained: the confusion matrices and the pad');
  await page.getByText('自己的数据：逻辑表达式或 CSV').click();
  await page.getByLabel('逻辑表达式').fill('a xor b');
  await page.getByRole('button', { name: '填入表格' }).click();
  await page.getByLabel('CSV（逗号、分号或制表符分隔；表头可有可无；只能是数字）').fill('a,b,y\n0,0,0\n1,1,1');
  await page.getByLabel('归一化输入').check();
  await page.getByRole('button', { name: '载入 CSV' }).click();
  await check('own data');

  // Every lesson, and the lesson writer.
  await page.getByRole('button', { name: '课程' }).click();
  for (let i = 0; i < 8; i++) {
    await page.getByLabel('选择课程').selectOption(String(i));
    await expect(page.locator('#lesson-title')).not.toBeEmpty();
    await check(`lesson ${i + 1}`);
  }
  await page.getByText('编写课程').click();
  await check('the lesson writer');

  // Check my code.
  await page.getByRole('heading', { name: '检查我的代码' }).click();
  await page.getByLabel('粘贴记录').fill('{"format": "backprop-lab-record"}');
  await page.getByRole('button', { name: '检查', exact: true }).click();
  await check('Check my code, a record refused');

  expect(left).toEqual([]);
});

test("the engine's refusals come with a code and values, and the page words them in Chinese", async ({ page }) => {
  await chinese(page);
  await page.getByText('自己的数据：逻辑表达式或 CSV').click();
  await page.getByLabel('逻辑表达式').fill('a + b');
  await page.getByRole('button', { name: '填入表格' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '逻辑表达式' })).toHaveText('逻辑表达式：第 3 列：这里不能出现“+”');
  await page.getByLabel('CSV（逗号、分号或制表符分隔；表头可有可无；只能是数字）').fill('a,b\n1,x');
  await page.getByRole('button', { name: '载入 CSV' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'CSV' })).toHaveText('CSV：第 2 行第 2 列：“x”不是数');
  // A config the engine refuses (softmax on one output), worded where it was chosen.
  await page.getByLabel('输出层激活函数').selectOption('softmax');
  await expect(page.getByRole('alert').filter({ hasText: 'softmax' })).toHaveText('softmax 至少需要 2 个输出，但最后一层只有 1 个');
  // A file whose config the engine refuses: each kind of value it reads is worded, its JSON path kept.
  const config = { version: 1, layers: [2, 2, 1], data: { inputs: [[0, 0]], targets: [[0]] } };
  for (const [edit, words] of /** @type {const} */ ([
    [{ bias: 'yes' }, 'bias：应为 true 或 false，实际是 "yes"'],
    [{ layers: [2, 99, 1] }, 'layers[1]：应为 1 到 64 之间的整数，即第 1 个隐藏层的神经元个数，实际是 99'],
    [{ optimizer: { kind: 'rmsprop' } }, 'optimizer.kind：应为以下之一："sgd", "momentum", "adam"，实际是 "rmsprop"'],
    [{ features: ['x1', 'x1'], layers: [2, 2, 1] }, 'features[1]："x1" 列出了两次'],
  ])) {
    const text = JSON.stringify({ ...config, ...edit });
    await page.getByLabel('导入 JSON').setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(page.getByRole('alert').filter({ hasText: words.split('：')[0] })).toContainText(words);
  }
  // An export the engine refuses (a diverged run has no network), worded beside the buttons.
  await page.getByLabel('隐藏层激活函数').selectOption('linear');
  await page.getByLabel('输出层激活函数').selectOption('linear');
  await commit(page.getByLabel('学习率', { exact: true }), '1e6');
  await page.getByRole('button', { name: '播放' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '发散' }).first()).toBeVisible();
  await page.getByRole('button', { name: '导出 ONNX' }).click();
  await expect(page.locator('#share-messages').getByRole('alert')).toContainText(
    '这次训练已发散：权重不再是数，因此没有可导出为 onnx 的网络',
  );
  await page.getByRole('button', { name: '重置' }).click();
  // A point set's setting out of range, worded where it was typed.
  await page.getByLabel('数据集').selectOption('moons');
  await commit(page.locator('#points-count'), '5000');
  await expect(page.locator('#points-count')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: '点数' })).toContainText('点数：应在 10 到 2000 之间');
  await commit(page.locator('#points-count'), '200');
  // A table's file that is another table, worded in Chinese (the table's name is the engine's).
  await page.route('**/breast-cancer*.csv', (route) =>
    route.fulfill({ status: 200, contentType: 'text/csv', body: readFileSync('crate/data/wine.csv', 'utf8') }),
  );
  await page.getByLabel('数据集').selectOption('breast-cancer');
  await expect(page.getByRole('alert').filter({ hasText: '数据表' })).toContainText('breast-cancer 数据表有 31 列，这个文件有 16 列');
  // The same refusal in English is the engine's own sentence.
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await page.getByLabel('Output activation').selectOption('softmax');
  await expect(page.getByRole('alert').filter({ hasText: 'oftmax' })).toHaveText(
    'Softmax needs at least 2 outputs, but the last layer has 1',
  );
});

test("a link's dataset whose test rows cannot be read opens with its training rows, and says so in the page's language", async ({
  page,
}) => {
  await chinese(page);
  await page.getByLabel('数据集').selectOption('wine');
  await expect.poll(() => page.evaluate(() => /** @type {any} */ (window).backpropLab.model.config.layers[0])).toBe(13);
  const state = await page.evaluate(() => /** @type {any} */ (window).backpropLab.state());
  expect(state.heldOut).toBe('wine');
  const link = await linkOf(page, state);
  // A server that answers with something other than the table (a 404 would also log to the console).
  await page.route('**/wine*.csv', (route) => route.fulfill({ status: 200, contentType: 'text/csv', body: '<html>Service unavailable' }));
  for (const [lang, words] of [
    ['zh-CN', '无法读取葡萄酒（178 种，13 项测量）的文件（第 1 行：文件只有表头，没有数字行）：训练集的行已载入，但没有留出的测试集。'],
    [
      'en',
      "Wine (178 wines, 13 measurements)'s file could not be read (line 1: the file has a header but no rows of numbers): the training rows are here, without the held-out test rows.",
    ],
  ]) {
    await page.goto('about:blank');
    await page.goto(link.replace('/#', `/?lang=${lang}#`));
    await expect(page.getByRole('alert').filter({ hasText: '13' })).toHaveText(words);
    // The training rows are the run's: 13 measurements in, no test loss.
    expect(await page.evaluate(() => /** @type {any} */ (window).backpropLab.model.config.layers[0])).toBe(13);
  }
});
