import { describe, expect, it } from 'vitest';
import { THEME_STORAGE_KEY, readThemeChoice, resolveTheme, storeThemeChoice } from '../../../src/app/theme.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    values,
  };
}

const blockedStorage = {
  getItem: (): string | null => {
    throw new DOMException('blocked', 'SecurityError');
  },
  setItem: (): void => {
    throw new DOMException('blocked', 'SecurityError');
  },
};

describe('theme choice', () => {
  it('resolves auto from the system preference and keeps explicit choices', () => {
    expect(resolveTheme('auto', true)).toBe('dark');
    expect(resolveTheme('auto', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('reads a stored choice back', () => {
    const storage = memoryStorage();
    storeThemeChoice('dark', storage);
    expect(storage.values.get(THEME_STORAGE_KEY)).toBe('dark');
    expect(readThemeChoice(storage)).toBe('dark');
  });

  it('falls back to auto for missing, unknown or unreadable values', () => {
    expect(readThemeChoice(memoryStorage())).toBe('auto');
    expect(readThemeChoice(memoryStorage({ [THEME_STORAGE_KEY]: 'purple' }))).toBe('auto');
    expect(readThemeChoice(blockedStorage)).toBe('auto');
    expect(readThemeChoice(null)).toBe('auto');
  });

  it('does not throw when storage is blocked', () => {
    expect(() => storeThemeChoice('light', blockedStorage)).not.toThrow();
  });
});
