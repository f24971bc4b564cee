import { useSyncExternalStore } from 'react';
import type { Disposer } from '../../../common/contract/api';
import { api } from '../api/api';
import { logError } from '../actions/notices';

export type ThemeSetting = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

/**
 * Light or dark: the OS choice (prefers-color-scheme) unless the user picked
 * one in settings. The choice is `data-theme` on <html>, which app.css keys its
 * colour variables on; Monaco and charts subscribe to changes.
 */
const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
let setting: ThemeSetting = 'system';
const listeners = new Set<() => void>();

export function themeSetting(): ThemeSetting {
  return setting;
}

export function effectiveTheme(): Theme {
  return setting === 'system' ? (darkQuery.matches ? 'dark' : 'light') : setting;
}

function apply(): void {
  const theme = effectiveTheme();
  const root = document.documentElement;
  if (root.dataset.theme === theme && root.dataset.themeSetting === setting) return;
  root.dataset.theme = theme;
  root.dataset.themeSetting = setting;
  root.style.colorScheme = theme;
  for (const listener of listeners) listener();
}

// Applied as soon as the module loads (before the first render), so a dark OS never flashes light.
apply();
darkQuery.addEventListener('change', apply);

/** Called on every theme change; returns its disposer. */
export function onDidChangeTheme(listener: () => void): Disposer {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isThemeSetting(value: unknown): value is ThemeSetting {
  return value === 'system' || value === 'light' || value === 'dark';
}

/** Reads the saved choice from the app state (SQLite settings). */
export async function loadThemeSetting(): Promise<void> {
  try {
    const settings = await api.getSettings({});
    setting = isThemeSetting(settings.theme) ? settings.theme : 'system';
    apply();
  } catch (error) {
    logError('could not read the settings', error);
  }
}

export async function setThemeSetting(value: ThemeSetting): Promise<void> {
  setting = value;
  apply();
  try {
    await api.updateSettings({ values: { theme: value } });
  } catch (error) {
    logError('could not save the theme setting', error);
  }
}

/** Light ↔ dark from whatever is showing now (an explicit choice from then on). */
export function toggleTheme(): Promise<void> {
  return setThemeSetting(effectiveTheme() === 'dark' ? 'light' : 'dark');
}

/** The theme on screen, for components that take it as a prop (React Flow's colorMode). */
export function useTheme(): Theme {
  return useSyncExternalStore(onDidChangeTheme, effectiveTheme);
}
