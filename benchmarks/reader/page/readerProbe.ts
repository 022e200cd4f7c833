// What the reader benchmark runs inside the page. Each export is handed to Playwright (addInitScript or
// evaluate), which sends its source text to Chromium: a function must not use anything from this module's
// scope, so the shared shapes are types only and each function finds the probe on `window` itself.

/** One call the page made to the host, as the page saw it. */
export interface ProbedCall {
  readonly name: string;
  /** The request as sent (JSON), for replaying it. */
  readonly body: string | null;
  /** For search:query: the query and page offset asked for. */
  readonly query: string | null;
  readonly offset: number | null;
  readonly sentAt: number;
  /** When the page had the answer's JSON; null while in flight. */
  answeredAt: number | null;
}

export interface LongTask {
  readonly startTime: number;
  readonly duration: number;
}

/** The probe's record, kept on `window.offprintReaderProbe`. Times are performance.now() in the page. */
export interface ReaderProbe {
  /** timeStamp of every trusted keydown and click (the moment the input reached the page). */
  readonly keydowns: number[];
  readonly clicks: number[];
  readonly calls: ProbedCall[];
  readonly longTasks: LongTask[];
  /**
   * Resolves with the time just after the first frame that shows what `shown` checks for (null after
   * `timeoutMs`). Checked after each DOM change (a commit: the next frame paints it) and in each frame
   * callback (already committed: this frame paints it); the time is taken in a task after that frame.
   */
  untilPainted(shown: () => boolean, timeoutMs: number): Promise<number | null>;
}

export interface SearchSample {
  readonly query: string;
  readonly keydownAt: number;
  /** When the search:query for this text left the page (after the renderer's debounce). */
  readonly sentAt: number;
  readonly answeredAt: number;
  /** The results on screen: the frame after the DOM showed them. */
  readonly paintedAt: number;
  readonly total: number | null;
}

export interface OpenSample {
  readonly title: string;
  readonly clickAt: number;
  /** The first articles:get after the click: sent and answered (null if the reader made none). */
  readonly sentAt: number | null;
  readonly answeredAt: number | null;
  readonly paintedAt: number;
  /** Every call the page made between the click and the paint, by name. */
  readonly calls: Readonly<Record<string, number>>;
}

export interface ScrollResult {
  readonly frames: number;
  readonly seconds: number;
  readonly scrolledPixels: number;
  readonly scrollHeight: number;
  /** Gaps between animation frames while scrolling (ms). */
  readonly frameGaps: number[];
  readonly reachedEnd: boolean;
}

/**
 * Installed before the renderer's scripts: records trusted keydowns and clicks, every call to the host
 * (wrapping fetch, so the renderer's own client is measured as it runs) and every long task.
 */
export function installReaderProbe(): void {
  const untilPainted = (shown: () => boolean, timeoutMs: number): Promise<number | null> =>
    new Promise((resolve) => {
      const deadline = performance.now() + timeoutMs;
      let done = false;
      const stop = (): void => {
        done = true;
        observer.disconnect();
      };
      const record = (): void => {
        resolve(performance.now());
      };
      const observer = new MutationObserver(() => {
        if (done || !shown()) return;
        stop();
        requestAnimationFrame(() => setTimeout(record, 0));
      });
      const onFrame = (): void => {
        if (done) return;
        if (shown()) {
          stop();
          setTimeout(record, 0);
        } else if (performance.now() > deadline) {
          stop();
          resolve(null);
        } else requestAnimationFrame(onFrame);
      };
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      requestAnimationFrame(onFrame);
    });
  const probe: ReaderProbe = { keydowns: [], clicks: [], calls: [], longTasks: [], untilPainted };
  Object.defineProperty(window, 'offprintReaderProbe', { value: probe });
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.isTrusted) probe.keydowns.push(event.timeStamp);
    },
    { capture: true },
  );
  window.addEventListener(
    'click',
    (event) => {
      if (event.isTrusted) probe.clicks.push(event.timeStamp);
    },
    { capture: true },
  );
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      probe.longTasks.push({ startTime: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });

  const fetchFromPage = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const match = /\/api\/calls\/([^/?#]+)/.exec(url);
    if (match === null) return fetchFromPage(input, init);
    let query: string | null = null;
    let offset: number | null = null;
    if (typeof init?.body === 'string') {
      try {
        const request = JSON.parse(init.body) as { query?: unknown; offset?: unknown };
        if (typeof request.query === 'string') query = request.query;
        offset = typeof request.offset === 'number' ? request.offset : 0;
      } catch {
        // Not JSON: recorded without a query.
      }
    }
    const call: ProbedCall = {
      name: decodeURIComponent(match[1] ?? ''),
      body: typeof init?.body === 'string' ? init.body : null,
      query,
      offset,
      sentAt: performance.now(),
      answeredAt: null,
    };
    probe.calls.push(call);
    const response = await fetchFromPage(input, init);
    const readJson = response.json.bind(response);
    response.json = async () => {
      const value: unknown = await readJson();
      call.answeredAt = performance.now();
      return value;
    };
    return response;
  };
}

/**
 * Resolves once the results for `query` (the trimmed text after the keystroke) are on screen: the page
 * has the answer to a search:query for it sent after that keystroke, and the list shows fresh rows
 * (`aria-busy="false"`) or says nothing matched. Armed before the key is pressed: the keystroke is the
 * first keydown after `keydownsBefore`.
 */
export function waitForSearchPainted(input: {
  query: string;
  keydownsBefore: number;
  timeoutMs: number;
}): Promise<SearchSample | null> {
  const probe = (window as unknown as { offprintReaderProbe: ReaderProbe }).offprintReaderProbe;
  const keydownAt = (): number | undefined => probe.keydowns[input.keydownsBefore];
  const answerFor = (): ProbedCall | undefined => {
    const since = keydownAt();
    return since === undefined
      ? undefined
      : probe.calls.find(
          (call) =>
            call.name === 'search:query' &&
            call.query?.trim() === input.query &&
            call.offset === 0 &&
            call.sentAt >= since &&
            call.answeredAt !== null,
        );
  };
  const shown = (): boolean => {
    const field = document.querySelector<HTMLInputElement>('input[type="search"]');
    if (field === null || field.value.trim() !== input.query || answerFor() === undefined) return false;
    const list = document.querySelector('[aria-label="Search results"]');
    if (list !== null) return list.getAttribute('aria-busy') !== 'true';
    return Array.from(document.querySelectorAll('.hint')).some(
      (hint) => hint.textContent === 'No articles match this search.',
    );
  };
  const totalShown = (): number | null => {
    const count = document.querySelector('#search-heading .pane-count')?.textContent ?? '';
    const digits = /([\d,.\u00a0\u202f]+)\s+article/.exec(count)?.[1]?.replace(/[^\d]/g, '');
    return digits === undefined || digits === '' ? null : Number(digits);
  };
  return probe.untilPainted(shown, input.timeoutMs).then((paintedAt) => {
    const call = answerFor();
    const at = keydownAt();
    return paintedAt === null || call?.answeredAt === null || call?.answeredAt === undefined || at === undefined
      ? null
      : {
          query: input.query,
          keydownAt: at,
          sentAt: call.sentAt,
          answeredAt: call.answeredAt,
          paintedAt,
          total: totalShown(),
        };
  });
}

/**
 * Resolves once the reader shows the article titled `title` with its body. Armed before the click: the click is the first one after `clicksBefore`.
 */
export function waitForArticlePainted(input: {
  title: string;
  clicksBefore: number;
  timeoutMs: number;
}): Promise<OpenSample | null> {
  const probe = (window as unknown as { offprintReaderProbe: ReaderProbe }).offprintReaderProbe;
  const shown = (): boolean =>
    probe.clicks.length > input.clicksBefore &&
    document.querySelector('#reader-title')?.textContent.trim() === input.title &&
    document.querySelector('article.reader .reader-body') !== null;
  return probe.untilPainted(shown, input.timeoutMs).then((paintedAt) => {
    if (paintedAt === null) return null;
    const clickAt = probe.clicks[input.clicksBefore] ?? Number.NaN;
    const during = probe.calls.filter((call) => call.sentAt >= clickAt && call.sentAt <= paintedAt);
    const get = during.find((call) => call.name === 'articles:get');
    const calls: Record<string, number> = {};
    for (const call of during) calls[call.name] = (calls[call.name] ?? 0) + 1;
    return {
      title: input.title,
      clickAt,
      sentAt: get?.sentAt ?? null,
      answeredAt: get?.answeredAt ?? null,
      paintedAt,
      calls,
    };
  });
}

/** Resolves once no call to the host has been in flight for `quietMs` (or after `timeoutMs`). */
export function waitForQuiet(input: { quietMs: number; timeoutMs: number }): Promise<boolean> {
  const probe = (window as unknown as { offprintReaderProbe: ReaderProbe }).offprintReaderProbe;
  const started = performance.now();
  return new Promise((resolve) => {
    let quietSince = performance.now();
    const check = (): void => {
      const now = performance.now();
      if (probe.calls.some((call) => call.answeredAt === null)) quietSince = now;
      if (now - quietSince >= input.quietMs) resolve(true);
      else if (now - started > input.timeoutMs) resolve(false);
      else setTimeout(check, 20);
    };
    check();
  });
}

/** How many trusted keydowns and clicks the page has seen: arms a wait for the next one. */
export function probeCounts(): { keydowns: number; clicks: number } {
  const probe = (window as unknown as { offprintReaderProbe: ReaderProbe }).offprintReaderProbe;
  return { keydowns: probe.keydowns.length, clicks: probe.clicks.length };
}

/** The titles of the article rows in the DOM now, in order (placeholders left out). */
export function articleRowTitles(): string[] {
  return Array.from(document.querySelectorAll('.article-row:not(.placeholder) .article-title')).map((title) =>
    title.textContent.trim(),
  );
}

/**
 * Scrolls the article list (its nearest scrollable ancestor of the rows, else the page). `top`: back to the
 * top. `screen`: down by
 * most of a screen, to reach rows not rendered yet; answers whether it moved. `end`: from the top to the
 * bottom in `steps` equal jumps, one per animation frame (a scrollbar dragged end to end), recording the
 * gaps between frames; long tasks go to the probe's record.
 */
export function scrollArticleList(
  input: { readonly mode: 'top' | 'screen' } | { readonly mode: 'end'; readonly steps: number },
): Promise<ScrollResult> {
  let scroller: Element = document.scrollingElement ?? document.documentElement;
  const row = document.querySelector('.article-row');
  for (let element = row?.parentElement ?? null; element !== null; element = element.parentElement) {
    const overflow = getComputedStyle(element).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && element.scrollHeight > element.clientHeight) {
      scroller = element;
      break;
    }
  }
  const started = performance.now();
  if (input.mode !== 'end') {
    const before = scroller.scrollTop;
    scroller.scrollTop = input.mode === 'top' ? 0 : before + Math.max(200, scroller.clientHeight * 0.8);
    const moved = scroller.scrollTop - before;
    return Promise.resolve({
      frames: 0,
      seconds: 0,
      scrolledPixels: moved,
      scrollHeight: scroller.scrollHeight,
      frameGaps: [],
      reachedEnd: moved <= 0,
    });
  }
  const { steps } = input;
  scroller.scrollTop = 0;
  return new Promise((resolve) => {
    const frameGaps: number[] = [];
    let last = started;
    let frames = 0;
    let scrolledPixels = 0;
    const onFrame = (now: number): void => {
      frameGaps.push(now - last);
      last = now;
      frames += 1;
      // A virtual list's height changes as it measures rows: aim at the end as it stands now.
      const end = scroller.scrollHeight - scroller.clientHeight;
      const before = scroller.scrollTop;
      scroller.scrollTop = Math.min(end, before + Math.max(1, end / steps));
      scrolledPixels += scroller.scrollTop - before;
      const reachedEnd = scroller.scrollTop >= end - 1;
      if (reachedEnd || frames >= steps * 3) {
        resolve({
          frames,
          seconds: (performance.now() - started) / 1000,
          scrolledPixels,
          scrollHeight: scroller.scrollHeight,
          frameGaps: frameGaps.slice(1),
          reachedEnd,
        });
      } else requestAnimationFrame(onFrame);
    };
    requestAnimationFrame(onFrame);
  });
}

/** The calls named `name` the page made so far. */
export function probedCalls(name: string): ProbedCall[] {
  const probe = (window as unknown as { offprintReaderProbe: ReaderProbe }).offprintReaderProbe;
  return probe.calls.filter((call) => call.name === name);
}

/** How many calls of each name the page made since `since` (page time). */
export function callCountsSince(since: number): Record<string, number> {
  const probe = (window as unknown as { offprintReaderProbe: ReaderProbe }).offprintReaderProbe;
  const counts: Record<string, number> = {};
  for (const call of probe.calls) if (call.sentAt >= since) counts[call.name] = (counts[call.name] ?? 0) + 1;
  return counts;
}

/** Long tasks recorded since `since` (page time). */
export function longTasksSince(since: number): LongTask[] {
  const probe = (window as unknown as { offprintReaderProbe: ReaderProbe }).offprintReaderProbe;
  return probe.longTasks.filter((task) => task.startTime >= since);
}

/** The page's clock, to bound a phase. */
export function pageNow(): number {
  return performance.now();
}

/**
 * The peer figure: the same search:query request the renderer sent, replayed from the page with fetch
 * and timed to the parsed answer, with no rendering.
 */
export async function timeRawCalls(input: {
  name: string;
  bodies: readonly string[];
  token: string;
}): Promise<number[]> {
  const samples: number[] = [];
  for (const body of input.bodies) {
    const start = performance.now();
    const response = await fetch(`/api/calls/${input.name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${input.token}` },
      body,
    });
    await response.json();
    samples.push(performance.now() - start);
  }
  return samples;
}
