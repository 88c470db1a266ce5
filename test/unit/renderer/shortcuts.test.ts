import { describe, expect, it } from 'vitest';
import { gridMove } from '../../../src/renderer/lib/gridMove';
import { keywordsText, parseKeywords } from '../../../src/renderer/lib/keywords';
import { ariaShortcut, matchesShortcut, shortcutLabel } from '../../../src/renderer/lib/shortcuts';

const key = (k: string, o: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...o,
});

describe('matchesShortcut', () => {
  it('tells P from Shift+P and Ctrl+P, and takes ⌘ for mod on a Mac only', () => {
    expect(matchesShortcut(key('p'), 'p', false)).toBe(true);
    expect(matchesShortcut(key('P', { shiftKey: true }), 'p', false)).toBe(false);
    expect(matchesShortcut(key('P', { shiftKey: true }), 'shift+p', false)).toBe(true);
    expect(matchesShortcut(key('p', { ctrlKey: true }), 'p', false)).toBe(false);
    expect(matchesShortcut(key('o', { ctrlKey: true }), 'mod+o', false)).toBe(true);
    expect(matchesShortcut(key('o', { metaKey: true }), 'mod+o', false)).toBe(false);
    expect(matchesShortcut(key('o', { metaKey: true }), 'mod+o', true)).toBe(true);
  });

  it('a symbol matches whatever Shift the layout needs for it', () => {
    expect(matchesShortcut(key('?', { shiftKey: true }), 'shift+?', false)).toBe(true);
    expect(matchesShortcut(key('?'), 'shift+?', false)).toBe(true);
  });

  it('is written in the window language and for screen readers', () => {
    expect(shortcutLabel('mod+o', { ctrl: 'Strg', shift: 'Umschalt' }, false)).toBe('Strg+O');
    expect(shortcutLabel('shift+p', { ctrl: 'Ctrl', shift: 'Shift' }, false)).toBe('Shift+P');
    expect(shortcutLabel('mod+a', { ctrl: 'Ctrl', shift: 'Shift' }, true)).toBe('⌘A');
    expect(shortcutLabel('shift+?', { ctrl: 'Ctrl', shift: 'Shift' }, false)).toBe('?');
    expect(ariaShortcut('mod+o', false)).toBe('Control+O');
  });
});

describe('gridMove', () => {
  it('moves by one across and by a row down and up, and stops at the ends', () => {
    expect(gridMove('ArrowRight', 0, 10, 4, 8)).toBe(1);
    expect(gridMove('ArrowDown', 1, 10, 4, 8)).toBe(5);
    expect(gridMove('ArrowDown', 7, 10, 4, 8)).toBe(9);
    expect(gridMove('ArrowUp', 2, 10, 4, 8)).toBe(0);
    expect(gridMove('ArrowLeft', 0, 10, 4, 8)).toBe(0);
    expect(gridMove('End', 3, 10, 4, 8)).toBe(9);
    expect(gridMove('PageDown', 0, 100, 4, 20)).toBe(20);
  });

  it('in a list, left and right keep their usual meaning', () => {
    expect(gridMove('ArrowRight', 3, 10, 1, 8)).toBeNull();
    expect(gridMove('ArrowDown', 3, 10, 1, 8)).toBe(4);
    expect(gridMove('a', 3, 10, 1, 8)).toBeNull();
    expect(gridMove('ArrowDown', 0, 0, 1, 8)).toBeNull();
  });
});

describe('parseKeywords', () => {
  it('splits on commas and semicolons, trims, and drops repeats whatever their case', () => {
    expect(parseKeywords(' harbour, dawn;Boats ,, harbour, HARBOUR ')).toEqual(['harbour', 'dawn', 'Boats']);
    expect(parseKeywords('   ')).toEqual([]);
    expect(keywordsText(['a', 'b c'])).toBe('a, b c');
  });
});
