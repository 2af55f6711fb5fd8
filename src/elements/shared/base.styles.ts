import { css } from 'lit';

/**
 * Styles every element starts from: box-sizing, a `[hidden]` that wins over
 * display rules, a visible focus ring, and a visually hidden class for live regions and labels.
 */
export const baseStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--cos-font, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif);
  }
  :host *,
  :host *::before,
  :host *::after {
    box-sizing: inherit;
  }
  [hidden],
  :host([hidden]) {
    display: none !important;
  }
  :focus-visible {
    outline: 2px solid var(--_focus, var(--cos-focus-ring, #1d4ed8));
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/**
 * Theme tokens shared by the elements. Public names (`--cos-*`) feed private ones (`--_*`);
 * dark values apply under `prefers-color-scheme: dark` unless `theme="light"`, and always with `theme="dark"`.
 * Colour pairs keep WCAG AA contrast in both themes (axe-core checks them in the tests).
 */
const lightTokens = css`
  --_accent: var(--cos-accent, #1d4ed8);
  --_on-accent: var(--cos-on-accent, #ffffff);
  --_danger: var(--cos-danger, #b91c1c);
  --_success: var(--cos-success, #15803d);
  --_fg: var(--cos-foreground, #1f2937);
  --_muted: var(--cos-muted, #4b5563);
  --_bg: var(--cos-background, #ffffff);
  --_surface: var(--cos-surface, #f3f4f6);
  --_border: var(--cos-border, #9ca3af);
  --_track: var(--cos-track, #e5e7eb);
  --_focus: var(--cos-focus-ring, #1d4ed8);
`;

const darkTokens = css`
  --_accent: var(--cos-accent, #60a5fa);
  --_on-accent: var(--cos-on-accent, #0b1220);
  --_danger: var(--cos-danger, #f87171);
  --_success: var(--cos-success, #4ade80);
  --_fg: var(--cos-foreground, #e5e7eb);
  --_muted: var(--cos-muted, #9ca3af);
  --_bg: var(--cos-background, #111827);
  --_surface: var(--cos-surface, #1f2937);
  --_border: var(--cos-border, #6b7280);
  --_track: var(--cos-track, #374151);
  --_focus: var(--cos-focus-ring, #93c5fd);
`;

export const themeStyles = css`
  :host {
    ${lightTokens}
    --_radius: var(--cos-radius, 8px);
    color-scheme: light;
    color: var(--_fg);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
      color-scheme: dark;
    }
  }
  :host([theme='dark']) {
    ${darkTokens}
    color-scheme: dark;
  }
`;
