import { describe, expect, it } from 'vitest';
import { keysOf, OPERATOR_SHORTCUTS, shortcutOf, type KeyPress } from './shortcuts.ts';

const press = (overrides: Partial<KeyPress>): KeyPress => ({
  key: '',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...overrides,
});

describe('shortcutOf', () => {
  it('maps Alt+letter to the console actions', () => {
    expect(shortcutOf(press({ key: 'n', code: 'KeyN', altKey: true }))).toBe('newCall');
    expect(shortcutOf(press({ key: 'c', code: 'KeyC', altKey: true }))).toBe('category');
    expect(shortcutOf(press({ key: 's', code: 'KeyS', altKey: true }))).toBe('statusEnquiry');
    expect(shortcutOf(press({ key: 'k', code: 'KeyK', altKey: true }))).toBe('knowledge');
  });

  it('goes by the physical key, so a Russian layout or macOS Option still works', () => {
    expect(shortcutOf(press({ key: 'т', code: 'KeyN', altKey: true }))).toBe('newCall');
    expect(shortcutOf(press({ key: '˜', code: 'KeyN', altKey: true }))).toBe('newCall');
  });

  it('clears on Escape', () => {
    expect(shortcutOf(press({ key: 'Escape', code: 'Escape' }))).toBe('clear');
  });

  it('leaves ordinary typing and other chords alone', () => {
    expect(shortcutOf(press({ key: 'n', code: 'KeyN' }))).toBeNull();
    expect(shortcutOf(press({ key: 'n', code: 'KeyN', altKey: true, ctrlKey: true }))).toBeNull();
    expect(shortcutOf(press({ key: 'N', code: 'KeyN', altKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutOf(press({ key: 'x', code: 'KeyX', altKey: true }))).toBeNull();
    expect(shortcutOf(press({ key: 'Escape', code: 'Escape', altKey: true }))).toBeNull();
  });

  it('leaves keys to an input method and to a list that already used them', () => {
    expect(shortcutOf(press({ key: 'Escape', code: 'Escape', isComposing: true }))).toBeNull();
    expect(shortcutOf(press({ key: 'Escape', code: 'Escape', defaultPrevented: true }))).toBeNull();
  });
});

describe('OPERATOR_SHORTCUTS', () => {
  it('names each action once, with the keys the legend and aria-keyshortcuts show', () => {
    expect(new Set(OPERATOR_SHORTCUTS.map((s) => s.action)).size).toBe(OPERATOR_SHORTCUTS.length);
    expect(keysOf('newCall')).toBe('Alt+N');
    expect(keysOf('clear')).toBe('Escape');
  });
});
