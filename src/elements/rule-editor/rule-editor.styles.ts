import { css } from 'lit';

export const ruleEditorStyles = css`
  :host {
    display: block;
    --_editor-accent: var(--cos-editor-accent, var(--_accent));
    --_preview-size: var(--cos-editor-preview-size, 200px);
    --_gap: var(--cos-editor-gap, 12px);
    font-size: 14px;
    line-height: 1.4;
  }
  :host { container-type: inline-size; }
  .editor { display: grid; gap: var(--_gap); color: var(--_fg); background: var(--_bg); grid-template-columns: minmax(0, 1fr); }
  .side { display: grid; gap: var(--_gap); align-content: start; }
  @container (min-width: 980px) {
    .editor { grid-template-columns: minmax(0, 1fr) calc(2 * var(--_preview-size) + 3 * var(--_gap)); }
    .toolbar { grid-column: 1 / -1; }
    .side { grid-row: 2 / span 2; grid-column: 2; position: sticky; top: var(--_gap); }
  }
  .toolbar { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
  button, select, input, textarea { font: inherit; color: inherit; }
  input, select, textarea {
    background: var(--_bg); border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2); padding: 4px 6px;
  }
  input[type='number'] { width: 6.5em; }
  input[type='text'], input[type='url'] { min-width: 14em; }
  input.short { min-width: 0; width: 7em; }
  input[aria-invalid='true'], select[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: var(--_danger); }
  button {
    border: 1px solid var(--_editor-accent); border-radius: calc(var(--_radius) / 2); padding: 4px 10px; cursor: pointer;
    background: var(--_editor-accent); color: var(--_on-accent);
  }
  button.icon { background: transparent; color: var(--_fg); border-color: var(--_border); padding: 0; width: 28px; height: 26px; display: inline-grid; place-items: center; }
  button:disabled { opacity: 0.45; cursor: default; }
  .rules, .ops { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_gap); }
  .rule { border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_gap); display: grid; gap: 10px; background: var(--_bg); }
  .rule-head, .op-head { display: flex; align-items: center; gap: 8px; }
  .rule-head h3 { margin: 0; font-size: 1.05em; }
  .actions { margin-inline-start: auto; display: inline-flex; gap: 4px; }
  .badge { background: var(--_danger); color: var(--_bg); border-radius: 999px; padding: 0 8px; font-size: 0.85em; }
  .meta { display: flex; flex-wrap: wrap; gap: 8px 16px; }
  .op { border-inline-start: 3px solid var(--_editor-accent); background: var(--_surface); border-radius: calc(var(--_radius) / 2); padding: 8px 10px; }
  .op-title { font-weight: 600; }
  .op-title code { font-weight: 400; color: var(--_muted); }
  .fields { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: flex-start; margin-top: 6px; }
  .field { display: grid; gap: 3px; max-width: 100%; }
  .field .label { font-weight: 500; }
  .control { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: end; }
  .sub { display: grid; gap: 2px; font-size: 0.9em; color: var(--_muted); }
  .sub.check { display: flex; align-items: center; gap: 4px; }
  .help { color: var(--_muted); font-size: 0.85em; max-width: 46ch; }
  .messages { margin: 2px 0 0; padding: 0; list-style: none; font-size: 0.9em; }
  .messages .error { color: var(--_danger); }
  .messages .warning { color: var(--_muted); font-style: italic; }
  .messages .error::before { content: '⚠ '; }
  details.more > summary { cursor: pointer; color: var(--_editor-accent); margin-top: 4px; }
  .gravity { display: grid; grid-template-columns: repeat(3, 24px); gap: 3px; }
  .gravity .cell {
    appearance: none; margin: 0; width: 24px; height: 24px; padding: 0; border-radius: 4px; border: 1px solid var(--_border);
    background: var(--_bg); cursor: pointer; display: grid; place-items: center;
  }
  .gravity .cell:checked { background: var(--_editor-accent); border-color: var(--_editor-accent); }
  .gravity .cell:checked::after { content: ''; width: 8px; height: 8px; border-radius: 50%; background: var(--_on-accent); }
  .gravity .unset { grid-column: 1 / -1; display: flex; gap: 4px; align-items: center; font-size: 0.85em; color: var(--_muted); }
  .add-op { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
  textarea { width: 100%; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; }
  .preview .previews { display: flex; flex-wrap: wrap; gap: var(--_gap); }
  .preview h3, .header-view h3 { margin: 0 0 6px; font-size: 1.05em; }
  .preview-item { margin: 0; width: var(--_preview-size); display: grid; gap: 4px; }
  .frame {
    width: var(--_preview-size); height: var(--_preview-size); display: grid; place-items: center; overflow: hidden;
    border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2);
    background: repeating-conic-gradient(var(--_surface) 0 25%, var(--_bg) 0 50%) 0 0 / 16px 16px;
  }
  .frame img { max-width: 100%; max-height: 100%; object-fit: contain; }
  .preview-item.loading img { opacity: 0.5; }
  .note { margin: 8px; text-align: center; color: var(--_muted); font-size: 0.9em; }
  .note.error { color: var(--_danger); }
  figcaption { font-size: 0.85em; display: grid; }
  figcaption code { color: var(--_muted); overflow-wrap: anywhere; }
  .facts { color: var(--_muted); }
  .hint, .empty, .status:empty { color: var(--_muted); margin: 0; }
  .sample { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; }
  .sample input { max-width: 100%; min-width: 0; }
  @media (prefers-reduced-motion: no-preference) { .preview-item img { transition: opacity 0.15s; } }
  @media (forced-colors: active) {
    .gravity .cell:checked { background: Highlight; }
    .op { border-inline-start-color: CanvasText; }
  }
`;
