import { css } from 'lit';

// Adopted into the uploader's shadow root when the intake chunk loads, so none of it weighs on the first load.
export const extrasStyles = css`
  .opener {
    display: inline-flex;
    gap: 0.5rem;
    align-items: center;
    font-size: 0.9375rem;
    padding: 0.5rem 1rem;
  }
  .opener-progress { display: inline-flex; gap: 0.375rem; align-items: center; font-variant-numeric: tabular-nums; }
  .ring { width: 1.25rem; height: 1.25rem; transform: rotate(-90deg); }
  .ring circle { fill: none; stroke-width: 5; }
  .ring-track { stroke: color-mix(in srgb, currentColor 25%, transparent); }
  .ring-fill { stroke: currentColor; transition: stroke-dashoffset 0.2s; }
  .dialog {
    width: min(40rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
    padding: 1rem 1.25rem 1.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_u-radius);
    background: var(--cos-uploader-background, var(--_bg));
    color: var(--_fg);
    font-family: var(--cos-font, inherit);
  }
  .dialog::backdrop { background: var(--cos-uploader-backdrop, rgb(0 0 0 / 45%)); }
  .dialog-head { display: flex; align-items: center; justify-content: space-between; gap: 1rem; margin-bottom: 0.75rem; }
  .dialog-title { margin: 0; font-size: 1.125rem; }
  .sources { display: flex; flex-wrap: wrap; gap: 0.5rem; justify-content: center; }
  .camera { display: grid; gap: 0.5rem; justify-items: center; }
  .camera video { width: 100%; height: auto; aspect-ratio: 4 / 3; max-height: 20rem; object-fit: contain; border-radius: var(--_u-radius); background: #000; }
  .camera-actions { display: flex; gap: 0.5rem; }
  .page-overlay {
    position: fixed;
    inset: 0;
    z-index: 2147483000;
    display: grid;
    place-items: center;
    border: 3px dashed var(--_u-accent);
    background: var(--cos-uploader-overlay-background, color-mix(in srgb, var(--_u-accent) 15%, transparent));
    color: var(--_fg);
    font-size: 1.5rem;
    font-weight: 600;
    pointer-events: none;
  }
  .page-overlay span { padding: 0.75rem 1.25rem; border-radius: var(--_u-radius); background: var(--_bg); }
`;
