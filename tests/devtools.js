// The engine's worker through the DevTools protocol: Playwright opens
// sessions on pages only, so the browser's session attaches to the worker's
// target and relays its commands. Used by the long run and the bench.

/**
 * A function that runs a protocol command in the page's engine worker.
 * @param {import('@playwright/test').Browser} browser
 * @returns {Promise<(method: string, params?: object) => Promise<any>>}
 */
export async function engineWorkerSession(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes('engine-worker'));
  if (!target) throw new Error('the page has no engine worker');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  /** @type {Map<number, { resolve: (result: any) => void, reject: (error: Error) => void }>} */
  const waiting = new Map();
  let nextId = 1;
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const m = JSON.parse(message);
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error) w.reject(new Error(m.error.message));
    else w.resolve(m.result);
  });
  return (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
}

/** The worker's JS heap in bytes, after a full collection. @param {(method: string) => Promise<any>} worker */
export async function workerHeap(worker) {
  await worker('HeapProfiler.collectGarbage');
  return (await worker('Runtime.getHeapUsage')).usedSize;
}
