import { css } from 'lit';

// Progress indicators are scaled, not resized: a transform transition runs on the compositor, while a width one
// would lay out the page every frame for as long as files keep moving (docs/many-files-throughput.md). Only rows of
// a short list ease: in a big list, and on the total bar, each eased step still drew about a dozen frames
// (docs/many-files-throughput.md#redraws-of-big-lists).
// A big batch: rows sit at measured offsets (set through the CSSOM) in a scroll box of fixed height.
export const styles = css`
  :host {
    display: block;
    --_u-accent: var(--cos-uploader-accent, var(--_accent));
    --_u-radius: var(--cos-uploader-radius, var(--_radius));
    --_thumb: var(--cos-uploader-thumbnail-size, 48px);
    background: var(--cos-uploader-background, var(--_bg));
    font-size: 0.9375rem;
    line-height: 1.4;
  }
  .base { display: grid; gap: 0.75rem; }
  .dropzone {
    display: grid;
    justify-items: center;
    align-content: center;
    gap: 0.375rem;
    min-height: var(--cos-uploader-dropzone-min-height, 9rem);
    padding: 1.25rem;
    border: 2px dashed var(--_border);
    border-radius: var(--_u-radius);
    background: var(--cos-uploader-dropzone-background, var(--_bg));
    color: var(--_fg);
    text-align: center;
    cursor: pointer;
    transition: border-color 0.15s, background-color 0.15s;
  }
  .dropzone:hover,
  :host([dragover]) .dropzone { border-color: var(--_u-accent); background: var(--cos-uploader-dropzone-background, var(--_surface)); }
  .dropzone svg { color: var(--_u-accent); }
  .dropzone[aria-disabled='true'] { cursor: not-allowed; opacity: 0.6; }
  .prompt { font-weight: 600; }
  .hint,
  .meta,
  .note,
  .total-label { color: var(--_muted); font-size: 0.8125rem; }
  .messages:empty { display: none; }
  .network {
    margin: 0 0 0.25rem;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_muted);
    border-radius: var(--_u-radius);
    background: var(--_surface);
  }
  .retry { color: var(--_danger); }
  .notice {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
    margin: 0 0 0.25rem;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_danger);
    border-radius: var(--_u-radius);
    background: var(--_surface);
  }
  button {
    font: inherit;
    font-size: 0.8125rem;
    padding: 0.25rem 0.625rem;
    border: 1px solid var(--_u-accent);
    border-radius: calc(var(--_u-radius) / 2);
    background: var(--_bg);
    color: var(--_u-accent);
    cursor: pointer;
  }
  button:hover:not(:disabled) { background: var(--_u-accent); color: var(--_on-accent); }
  button:disabled { cursor: not-allowed; opacity: 0.6; }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    justify-content: space-between;
  }
  .total { display: grid; gap: 0.25rem; flex: 1 1 12rem; }
  .bulk { display: flex; flex-wrap: wrap; gap: 0.375rem; }
  .files {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .files.virtual {
    display: block;
    position: relative;
    max-height: var(--cos-uploader-list-max-height, 28rem);
    overflow: auto;
    overscroll-behavior: contain;
    overflow-anchor: none;
    contain: content;
  }
  .files.virtual::before { content: ''; display: block; height: var(--_list-height, 0); }
  .files.virtual > .file {
    position: absolute;
    top: 0;
    inset-inline: 0;
    transform: translateY(var(--_row-y, 0));
  }
  .file:focus-visible { outline: 2px solid var(--_u-accent); outline-offset: -2px; }
  .summary { color: var(--_muted); font-size: 0.8125rem; font-variant-numeric: tabular-nums; }
  .reading { color: var(--_u-accent); font-size: 0.8125rem; font-weight: 600; }
  button[aria-pressed='true'] { background: var(--_u-accent); color: var(--_on-accent); }
  .file {
    display: grid;
    grid-template-columns: var(--_thumb) minmax(0, 1fr) auto;
    gap: 0.75rem;
    align-items: center;
    padding: 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_u-radius);
    background: var(--_bg);
  }
  .thumb {
    display: grid;
    place-items: center;
    width: var(--_thumb);
    height: var(--_thumb);
    overflow: hidden;
    border-radius: calc(var(--_u-radius) / 2);
    background: var(--_surface);
    color: var(--_muted);
  }
  .thumb img { width: 100%; height: 100%; object-fit: cover; }
  .info { display: grid; gap: 0.25rem; min-width: 0; }
  .name {
    overflow: hidden;
    font-weight: 600;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .meta { display: flex; flex-wrap: wrap; gap: 0 0.75rem; }
  .progress {
    height: 0.375rem;
    overflow: hidden;
    border-radius: 999px;
    background: var(--_track);
  }
  .indicator {
    width: 100%;
    height: 100%;
    background: var(--_u-accent);
    transform: scaleX(calc(var(--_percent, 0) / 100));
    transform-origin: left;
  }
  .files:not(.virtual) .indicator { transition: transform 0.2s linear; }
  .indicator:dir(rtl) { transform-origin: right; }
  [data-status='done'] .indicator { background: var(--_success); }
  [data-status='failed'] .indicator { background: var(--_danger); }
  .error {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    align-items: center;
    margin: 0;
    color: var(--_danger);
    font-size: 0.8125rem;
  }
  .request-id { color: var(--_muted); font-family: ui-monospace, monospace; word-break: break-all; }
  .actions { display: flex; gap: 0.375rem; }
  .results { grid-column: 1 / -1; }
  @media (prefers-reduced-motion: reduce) {
    .dropzone,
    .indicator {
      transition: none;
    }
  }
  @media (forced-colors: active) {
    .dropzone,
    .file,
    .progress {
      border: 1px solid CanvasText;
    }
    .indicator {
      background: Highlight;
      forced-color-adjust: none;
    }
    :host([dragover]) .dropzone {
      border-color: Highlight;
    }
  }
`;
