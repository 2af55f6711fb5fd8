import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    --_d-radius: var(--cos-doctor-radius, var(--_radius));
    --_d-warning: var(--cos-doctor-warning, #b45309);
    background: var(--cos-doctor-background, var(--_bg));
    font-size: 0.875rem;
    line-height: 1.45;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) { --_d-warning: var(--cos-doctor-warning, #fbbf24); }
  }
  :host([theme='dark']) { --_d-warning: var(--cos-doctor-warning, #fbbf24); }
  .base { display: grid; gap: 0.75rem; }
  header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; }
  h2 { margin: 0; font-size: 1rem; }
  .status { margin: 0; color: var(--_muted); }
  button {
    font: inherit;
    border-radius: var(--_d-radius);
    border: 1px solid var(--_accent);
    padding: 0.375rem 0.875rem;
    cursor: pointer;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button.secondary { background: transparent; color: var(--_accent); padding: 0.125rem 0.5rem; font-size: 0.8125rem; }
  button:disabled { opacity: 0.6; cursor: progress; }
  ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
  .finding {
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_border);
    border-radius: var(--_d-radius);
    padding: 0.5rem 0.75rem;
    display: grid;
    gap: 0.375rem;
    background: var(--_bg);
  }
  .finding.error { border-inline-start-color: var(--_danger); }
  .finding.warning { border-inline-start-color: var(--_d-warning); }
  .finding.ok { border-inline-start-color: var(--_success); }
  .head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
  .severity { font-weight: 700; text-transform: uppercase; font-size: 0.75rem; letter-spacing: 0.03em; }
  .error .severity { color: var(--_danger); }
  .warning .severity { color: var(--_d-warning); }
  .ok .severity { color: var(--_success); }
  code { font-family: ui-monospace, monospace; font-size: 0.8125rem; }
  .message { margin: 0; }
  .fix-label { display: flex; gap: 0.5rem; align-items: center; font-weight: 600; }
  pre {
    margin: 0;
    padding: 0.5rem;
    background: var(--_surface);
    border-radius: var(--_d-radius);
    white-space: pre-wrap;
    word-break: break-word;
    font-size: 0.75rem;
    max-height: 16rem;
    overflow: auto;
  }
  details summary { cursor: pointer; color: var(--_muted); }
  details ul { margin-top: 0.5rem; }
`;
