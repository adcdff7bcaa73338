import type { Page } from 'playwright-core';

/** axe-core's browser build, injected into the page under test (never loaded by the app itself). */
const AXE_PATH = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname;

/** WCAG 2.0–2.2 levels A and AA, plus axe's best practices (landmarks, headings). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Rules that fail whatever impact axe gives them: landmarks and duplicate ids are "moderate" to axe,
 * yet a screen-reader user navigating by landmark loses the page without them.
 */
const STRICT_RULES = new Set([
  'region',
  'landmark-one-main',
  'landmark-no-duplicate-main',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-unique',
  'landmark-banner-is-top-level',
  'landmark-main-is-top-level',
  'landmark-contentinfo-is-top-level',
  'duplicate-id-aria',
  'page-has-heading-one',
]);

/** One failing rule on one element, as a test message shows it. */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  target: string;
  html: string;
  why: string;
}

/**
 * A violation known and reported in code this test does not own, skipped until its owner fixes it:
 * `rule` on elements whose selector or markup contains `target`.
 */
export interface KnownViolation {
  rule: string;
  target: string;
  /** The file to fix and how, for the report and for whoever removes the entry. */
  fix: string;
}

/** Runs axe on the page as it is now; returns the serious, critical and strict-rule findings. */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: AxeApi }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations;
  }, AXE_TAGS);
  return violations.flatMap((v) =>
    v.impact === 'serious' || v.impact === 'critical' || STRICT_RULES.has(v.id)
      ? v.nodes.map((n) => ({
          rule: v.id,
          impact: v.impact ?? 'unknown',
          help: v.help,
          target: n.target.join(' '),
          html: n.html.slice(0, 200),
          why: (n.any[0] ?? n.all[0] ?? n.none[0])?.message ?? '',
        }))
      : [],
  );
}

/** Splits findings into those a known entry covers and the rest (the failures). */
export function withoutKnown(
  findings: readonly AxeFinding[],
  known: readonly KnownViolation[],
): { failures: AxeFinding[]; skipped: AxeFinding[] } {
  const covers = (k: KnownViolation, f: AxeFinding) =>
    k.rule === f.rule && (f.target.includes(k.target) || f.html.includes(k.target));
  return {
    failures: findings.filter((f) => !known.some((k) => covers(k, f))),
    skipped: findings.filter((f) => known.some((k) => covers(k, f))),
  };
}

/** Findings as readable lines for an assertion message. */
export const describeFindings = (findings: readonly AxeFinding[]): string =>
  findings.map((f) => `[${f.impact}] ${f.rule} at ${f.target}: ${f.why || f.help}\n    ${f.html}`).join('\n');

/** How the focused element shows its focus. */
export interface FocusRing {
  /** `outline` or `box-shadow`, and its width in CSS pixels (0: nothing drawn). */
  how: 'outline' | 'box-shadow' | 'none';
  widthPx: number;
  /** Contrast of the ring's colour with the background it is drawn on (WCAG 1.4.11 asks 3:1). */
  contrast: number;
}

/** One stop of the Tab order. */
export interface TabStop {
  /** The `data-a11y-stop` index `markTabbable` gave the element; null for anything unmarked. */
  index: number | null;
  name: string;
  ring: FocusRing;
}

/**
 * Marks every control a keyboard user should reach with Tab (visible, enabled, not inert; one radio
 * per group) with `data-a11y-stop`, and returns their descriptions in document order.
 */
export function markTabbable(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex], [contenteditable="true"]';
    const radioGroups = new Set<string>();
    const stops: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const disabled = (el as HTMLButtonElement).disabled === true;
      if (disabled || el.tabIndex < 0 || el.closest('[inert], [hidden], details:not([open]) > :not(summary)'))
        continue;
      if (style.visibility === 'hidden' || style.display === 'none' || (box.width === 0 && box.height === 0))
        continue;
      if (el instanceof HTMLInputElement && el.type === 'radio') {
        if (radioGroups.has(el.name)) continue;
        radioGroups.add(el.name);
      }
      el.dataset.a11yStop = String(stops.length);
      const name = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '';
      stops.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${name.slice(0, 40)}"`);
    }
    return stops;
  });
}

/** Presses Tab once and describes where the focus went and how it shows. */
export async function pressTab(page: Page, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<TabStop | null> {
  await page.keyboard.press(key);
  return focusedStop(page);
}

/** The focused element as a Tab stop, or null when the focus left the page. */
export function focusedStop(page: Page): Promise<TabStop | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const rgba = (css: string): [number, number, number, number] | null => {
      const m = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/.exec(css);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
    };
    const luminance = ([r, g, b]: number[]) => {
      const [R, G, B] = [r!, g!, b!].map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
    };
    // The ring is drawn around the element (outline-offset), so it sits on its parent's background.
    let background: number[] = [255, 255, 255];
    for (let node = el.parentElement; node; node = node.parentElement) {
      const bg = rgba(getComputedStyle(node).backgroundColor);
      if (bg && bg[3] > 0.5) {
        background = bg;
        break;
      }
    }
    const contrastWith = (colour: number[] | null) => {
      if (!colour) return 0;
      const [a, b] = [luminance(colour), luminance(background)];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    };
    const style = getComputedStyle(el);
    const outlineWidth = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
    const shadow = style.boxShadow === 'none' ? null : style.boxShadow;
    const ring =
      outlineWidth > 0
        ? { how: 'outline' as const, widthPx: outlineWidth, contrast: contrastWith(rgba(style.outlineColor)) }
        : shadow
          ? {
              how: 'box-shadow' as const,
              widthPx: Math.max(...[...shadow.matchAll(/(\d+(?:\.\d+)?)px/g)].map((m) => Number(m[1]))),
              contrast: contrastWith(rgba(shadow)),
            }
          : { how: 'none' as const, widthPx: 0, contrast: 0 };
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '';
    return {
      index: el.dataset.a11yStop === undefined ? null : Number(el.dataset.a11yStop),
      name: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${name.slice(0, 40)}"`,
      ring,
    };
  });
}

/** The little of axe's API the page-side call uses. */
interface AxeApi {
  run(
    context: Document,
    options: { runOnly: { type: 'tag'; values: string[] } },
  ): Promise<{
    violations: {
      id: string;
      impact?: string | null;
      help: string;
      nodes: {
        target: string[];
        html: string;
        any: { message: string }[];
        all: { message: string }[];
        none: { message: string }[];
      }[];
    }[];
  }>;
}
