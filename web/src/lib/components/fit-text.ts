/**
 * A Svelte action for one line of text whose length depends on the language (Kazakh names run
 * longer than Russian ones): when it would be cut, its font is set smaller until it fits, down to
 * `minScale` of its styled size (past that the ellipsis stays). Measured, not guessed from the
 * number of letters, so a name that fits keeps its size; measured again when the text changes or
 * the box resizes.
 */
export function fitText(node: HTMLElement, minScale = 0.75) {
  let width = -1;
  const line: FittedLine = { node, minScale };
  const schedule = () => fitSoon(line);

  const resized = new ResizeObserver(() => {
    if (node.clientWidth === width) return;
    width = node.clientWidth;
    schedule();
  });
  const changed = new MutationObserver(schedule);
  resized.observe(node);
  changed.observe(node, { childList: true, characterData: true, subtree: true });
  schedule();
  return {
    destroy() {
      resized.disconnect();
      changed.disconnect();
      waiting.delete(line);
    },
  };
}

interface FittedLine {
  node: HTMLElement;
  minScale: number;
}

/**
 * Every line waiting to be fitted, all done in one frame: the wall has a few dozen, and measuring
 * each after setting the one before would lay the whole page out again for every line. Here the
 * page is laid out three times a frame however many there are (reset, first try, second try).
 */
const waiting = new Set<FittedLine>();
let frame = 0;

function fitSoon(line: FittedLine): void {
  waiting.add(line);
  frame ||= requestAnimationFrame(fitWaiting);
}

function fitWaiting(): void {
  frame = 0;
  const lines = [...waiting].filter((l) => l.node.isConnected);
  waiting.clear();
  for (const { node } of lines) node.style.fontSize = '';
  let cut = lines
    .map((line) => ({ line, ratio: overflow(line.node), styled: 0, scale: 1 }))
    .filter((fit) => fit.ratio > 1);
  for (const fit of cut) fit.styled = parseFloat(getComputedStyle(fit.line.node).fontSize);
  // Twice: what does not shrink with the font (a border, a rounded pixel) leaves a little over.
  for (let pass = 0; pass < 2 && cut.length > 0; pass++) {
    for (const fit of cut) {
      fit.scale = Math.max(fit.line.minScale, (fit.scale / fit.ratio) * 0.99);
      fit.line.node.style.fontSize = `${fit.styled * fit.scale}px`;
    }
    for (const fit of cut) fit.ratio = overflow(fit.line.node);
    cut = cut.filter((fit) => fit.ratio > 1 && fit.scale > fit.line.minScale);
  }
}

/** How much wider the text is than its box: the node's own overflow, or a cut descendant's. */
function overflow(node: HTMLElement): number {
  let ratio = node.scrollWidth / Math.max(1, node.clientWidth);
  for (const child of node.querySelectorAll<HTMLElement>('*'))
    if (child.clientWidth > 0) ratio = Math.max(ratio, child.scrollWidth / child.clientWidth);
  return ratio;
}
