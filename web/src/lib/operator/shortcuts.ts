/** What the operator console does from the keyboard, wherever the focus is. */
export type OperatorShortcut = 'newCall' | 'category' | 'statusEnquiry' | 'knowledge' | 'clear';

/** The parts of a KeyboardEvent the shortcuts look at. */
export interface KeyPress {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** An input method is composing (Kazakh or Russian on some keyboards): its keys are not ours. */
  isComposing?: boolean;
  /** Something closer to the focus (an open list) already used the key. */
  defaultPrevented?: boolean;
}

/**
 * The console's shortcuts in the order the legend shows them, each with its `aria-keyshortcuts` value.
 * Alt+letter is matched by the physical key, so it works with the Russian and Kazakh layouts too.
 */
export const OPERATOR_SHORTCUTS: readonly { action: OperatorShortcut; keys: string; code: string }[] = [
  { action: 'newCall', keys: 'Alt+N', code: 'KeyN' },
  { action: 'category', keys: 'Alt+C', code: 'KeyC' },
  { action: 'statusEnquiry', keys: 'Alt+S', code: 'KeyS' },
  { action: 'knowledge', keys: 'Alt+K', code: 'KeyK' },
  { action: 'clear', keys: 'Escape', code: 'Escape' },
];

/** The `aria-keyshortcuts` value of an action. */
export const keysOf = (action: OperatorShortcut): string =>
  OPERATOR_SHORTCUTS.find((s) => s.action === action)?.keys ?? '';

/** The shortcut a key press means, or null when it is ordinary typing. */
export function shortcutOf(press: KeyPress): OperatorShortcut | null {
  if (press.isComposing || press.defaultPrevented || press.ctrlKey || press.metaKey || press.shiftKey)
    return null;
  if (press.key === 'Escape') return press.altKey ? null : 'clear';
  if (!press.altKey) return null;
  return OPERATOR_SHORTCUTS.find((s) => s.code === press.code && s.action !== 'clear')?.action ?? null;
}
