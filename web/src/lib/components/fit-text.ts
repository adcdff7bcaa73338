/**
 * A Svelte action for one line of text whose length depends on the language (Kazakh names run
 * longer than Russian ones): when it would be cut, its font is set smaller until it fits, down to
 * `minScale` of its styled size (past that the ellipsis stays). Measured, not guessed from the
 * number of letters, so a name that fits keeps its size; measured again when the text changes or
 * the box resizes, once per frame.
 */
export function fitText(node: HTMLElement, minScale = 0.75) {
  let frame = 0;
  let width = -1;

  /** How much wider the text is than its box: the node's own overflow, or a cut descendant's. */
  const overflow = () => {
    let ratio = node.scrollWidth / Math.max(1, node.clientWidth);
    for (const child of node.querySelectorAll<HTMLElement>('*'))
      if (child.clientWidth > 0) ratio = Math.max(ratio, child.scrollWidth / child.clientWidth);
    return ratio;
  };

  const fit = () => {
    frame = 0;
    node.style.fontSize = '';
    let ratio = overflow();
    if (ratio <= 1) return;
    const styled = parseFloat(getComputedStyle(node).fontSize);
    // Twice: what does not shrink with the font (a border, a rounded pixel) leaves a little over.
    let scale = 1;
    for (let pass = 0; pass < 2 && ratio > 1 && scale > minScale; pass++) {
      scale = Math.max(minScale, (scale / ratio) * 0.99);
      node.style.fontSize = `${styled * scale}px`;
      ratio = overflow();
    }
  };
  const schedule = () => (frame ||= requestAnimationFrame(fit));

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
      cancelAnimationFrame(frame);
    },
  };
}
