import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    --_r-accent: var(--cos-results-accent, var(--_accent));
    --_r-radius: var(--cos-results-radius, var(--_radius));
    --_r-thumb: var(--cos-results-thumbnail-size, 9rem);
    background: var(--cos-results-background, var(--_bg));
    font-size: 0.8125rem;
    line-height: 1.4;
  }
  .results,
  .result { display: grid; gap: 0.5rem; }
  .original {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: baseline;
  }
  .label { font-weight: 600; }
  .key {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-width: 100%;
    font-family: ui-monospace, monospace;
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
    margin: 0;
  }
  .field { display: flex; gap: 0.25rem; }
  dt { color: var(--_muted); }
  dt::after { content: ':'; }
  :host(:lang(zh)) dt::after { content: '：'; }
  dd { margin: 0; white-space: nowrap; }
  .etag dd, .md5 dd { white-space: normal; font-family: ui-monospace, monospace; word-break: break-all; }
  .ave { display: inline-flex; gap: 0.25rem; align-items: center; }
  .swatch {
    display: inline-block;
    width: 0.875rem;
    height: 0.875rem;
    border: 1px solid var(--_border);
    border-radius: 3px;
    background: var(--_swatch, transparent);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  :host([layout='compact']) .grid { grid-template-columns: repeat(auto-fill, minmax(var(--_r-thumb), 1fr)); }
  .item {
    display: grid;
    gap: 0.25rem;
    align-content: start;
    padding: 0.375rem;
    border: 1px solid var(--_border);
    border-radius: var(--_r-radius);
    background: var(--_surface);
    min-width: 0;
  }
  .frame {
    display: grid;
    place-items: center;
    aspect-ratio: 4 / 3;
    overflow: hidden;
    border-radius: calc(var(--_r-radius) / 2);
    background: var(--_bg);
    color: var(--_muted);
  }
  .frame img { width: 100%; height: 100%; object-fit: contain; }
  .caption { display: grid; gap: 0.125rem; min-width: 0; }
  .summary {
    color: var(--_muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  a { color: var(--_r-accent); }
  .failure { color: var(--_danger); }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem 0.75rem;
    align-items: end;
  }
  .actions label {
    display: grid;
    flex: 1 1 12rem;
    gap: 0.125rem;
    color: var(--_muted);
  }
  .actions input { width: 100%; }
  input,
  button {
    font: inherit;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_r-radius) / 2);
    background: var(--_bg);
    color: var(--_fg);
  }
  button { border-color: var(--_r-accent); color: var(--_r-accent); cursor: pointer; }
  .buttons { display: flex; gap: 0.375rem; }
  .status { flex-basis: 100%; margin: 0; }
  .status:empty { display: none; }
  .request-id { margin-inline-start: 0.5rem; color: var(--_muted); font-family: ui-monospace, monospace; }
  @media (forced-colors: active) {
    .swatch {
      forced-color-adjust: none;
    }
  }
`;
