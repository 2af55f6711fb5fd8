import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    --_l-accent: var(--cos-library-accent, var(--_accent));
    --_l-radius: var(--cos-library-radius, var(--_radius));
    --_l-thumb: var(--cos-library-thumbnail-size, 8rem);
    background: var(--cos-library-background, var(--_bg));
    font-size: 0.875rem;
    line-height: 1.4;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-bottom: 0.75rem;
  }
  .toolbar .summary { color: var(--_muted); margin-inline-start: auto; }
  button {
    font: inherit;
    padding: 0.35rem 0.8rem;
    border-radius: var(--_l-radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_fg);
    cursor: pointer;
  }
  button.primary { background: var(--_l-accent); border-color: var(--_l-accent); color: var(--_on-accent); }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  .grid {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
    grid-template-columns: repeat(auto-fill, minmax(calc(var(--_l-thumb) + 2rem), 1fr));
  }
  .item {
    display: grid;
    gap: 0.35rem;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_l-radius);
    background: var(--_surface);
  }
  .item[data-selected] { border-color: var(--_l-accent); box-shadow: 0 0 0 1px var(--_l-accent); }
  .item[data-status='failed'] { border-color: var(--_danger); }
  .pick { display: flex; gap: 0.4rem; align-items: flex-start; cursor: pointer; }
  .pick input { margin-top: 0.2rem; }
  .thumb {
    display: grid;
    place-items: center;
    aspect-ratio: 4 / 3;
    background: var(--_track);
    border-radius: calc(var(--_l-radius) / 2);
    overflow: hidden;
    color: var(--_muted);
    font-size: 0.75rem;
    text-align: center;
  }
  .thumb img { width: 100%; height: 100%; object-fit: cover; display: block; }
  .name { overflow-wrap: anywhere; font-family: ui-monospace, monospace; font-size: 0.75rem; }
  .meta { display: flex; flex-wrap: wrap; gap: 0 0.5rem; color: var(--_muted); font-size: 0.75rem; }
  .status[data-status='done'] { color: var(--_success); }
  .status[data-status='failed'] { color: var(--_danger); }
  progress { width: 100%; height: 0.4rem; accent-color: var(--_l-accent); }
  .error { color: var(--_danger); font-size: 0.75rem; margin: 0; overflow-wrap: anywhere; }
  .notice { margin: 0.5rem 0; color: var(--_danger); }
  .empty, .skipped { color: var(--_muted); }
  .more { margin-top: 0.75rem; }
  cos-results { margin-top: 1rem; }
`;
