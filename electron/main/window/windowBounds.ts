/** A rectangle in screen coordinates (Electron's `Rectangle`). */
export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What is remembered of the main window between runs. */
export interface SavedWindowState {
  /** The window's normal (not maximized) bounds. */
  readonly bounds: Rectangle;
  readonly maximized: boolean;
}

export interface WindowSize {
  readonly width: number;
  readonly height: number;
}

export interface WindowBoundsInput {
  /** Null when nothing was saved or the file could not be read. */
  readonly saved: SavedWindowState | null;
  /** The work area of every display connected now. */
  readonly workAreas: readonly Rectangle[];
  readonly primaryWorkArea: Rectangle;
  readonly defaultSize: WindowSize;
  readonly minimumSize: WindowSize;
}

/** How much of a saved window must still be on some display for it to be put back there (a grabbable title bar). */
const MIN_VISIBLE = { width: 100, height: 40 } as const;

function overlap(a: Rectangle, b: Rectangle): WindowSize {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

function centeredIn(area: Rectangle, size: WindowSize): Rectangle {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/** Shrinks the window to the area if it is bigger (never below the minimum), then slides it fully inside. */
function fittedInto(area: Rectangle, bounds: Rectangle, minimum: WindowSize): Rectangle {
  const width = Math.max(Math.min(bounds.width, area.width), Math.min(minimum.width, area.width));
  const height = Math.max(Math.min(bounds.height, area.height), Math.min(minimum.height, area.height));
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

/**
 * Where the main window opens. The saved bounds are used on the display
 * that shows most of them, shrunk and slid to fit its work area (a display
 * that became smaller, a window half off the edge). When no display shows
 * enough of them to grab (the display was unplugged, the layout changed),
 * or nothing was saved, the default size opens centred on the primary
 * display. A maximized window stays maximized.
 */
export function windowBoundsFor({
  saved,
  workAreas,
  primaryWorkArea,
  defaultSize,
  minimumSize,
}: WindowBoundsInput): SavedWindowState {
  const fallback = (maximized: boolean) => ({ bounds: centeredIn(primaryWorkArea, defaultSize), maximized });
  if (saved === null) return fallback(false);
  let best: { area: Rectangle; visible: number } | undefined;
  for (const area of workAreas) {
    const shown = overlap(saved.bounds, area);
    if (shown.width < MIN_VISIBLE.width || shown.height < MIN_VISIBLE.height) continue;
    const visible = shown.width * shown.height;
    if (best === undefined || visible > best.visible) best = { area, visible };
  }
  if (best === undefined) return fallback(saved.maximized);
  return { bounds: fittedInto(best.area, saved.bounds, minimumSize), maximized: saved.maximized };
}

function isRectangle(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y, width, height } = value as Record<string, unknown>;
  return (
    [x, y, width, height].every((n) => typeof n === 'number' && Number.isSafeInteger(n)) &&
    (width as number) > 0 &&
    (height as number) > 0
  );
}

/** The saved state from the file's text; null (use the default) for anything that is not exactly that shape. */
export function parseWindowState(text: string): SavedWindowState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as Record<string, unknown>;
  if (!isRectangle(bounds) || typeof maximized !== 'boolean') return null;
  const { x, y, width, height } = bounds;
  return { bounds: { x, y, width, height }, maximized };
}
