import { css } from 'lit';

export const editorStyles = css`
  :host {
    display: block;
    /* Spans the row's grid (thumbnail, info, actions) when opened inside a file row. */
    grid-column: 1 / -1;
    font: inherit;
    color: inherit;
  }
  .editor {
    display: grid;
    gap: 0.5rem;
    padding: 0.5rem;
    border: 1px solid color-mix(in srgb, currentColor 25%, transparent);
    border-radius: var(--cos-radius, 6px);
  }
  .tools, .aspects, .footer { display: flex; flex-wrap: wrap; gap: 0.25rem; align-items: center; }
  .footer { justify-content: flex-end; }
  button {
    font: inherit;
    min-height: 2rem;
    padding: 0.25rem 0.6rem;
    border-radius: var(--cos-radius, 6px);
    border: 1px solid color-mix(in srgb, currentColor 35%, transparent);
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  button[aria-checked='true'], button.apply {
    background: var(--cos-accent, #1f6feb);
    border-color: var(--cos-accent, #1f6feb);
    color: #fff;
  }
  button:focus-visible, .box:focus-visible { outline: 2px solid var(--cos-accent, #1f6feb); outline-offset: 2px; }
  .stage {
    position: relative;
    justify-self: center;
    width: var(--_w, 0px);
    height: var(--_h, 0px);
    overflow: hidden;
    touch-action: none;
    user-select: none;
    background: #222;
  }
  canvas { display: block; width: 100%; height: 100%; }
  .box {
    position: absolute;
    left: var(--_x, 0px);
    top: var(--_y, 0px);
    width: var(--_bw, 0px);
    height: var(--_bh, 0px);
    box-sizing: border-box;
    border: 2px solid #fff;
    box-shadow: 0 0 0 9999px rgb(0 0 0 / 0.5);
    cursor: move;
  }
  .handle {
    position: absolute;
    width: 14px;
    height: 14px;
    background: #fff;
    border: 1px solid #000;
    box-sizing: border-box;
  }
  /* Inside the corners: the stage clips what lies outside it, and a box at the picture's edge is common. */
  .nw { left: -2px; top: -2px; cursor: nwse-resize; }
  .ne { right: -2px; top: -2px; cursor: nesw-resize; }
  .sw { left: -2px; bottom: -2px; cursor: nesw-resize; }
  .se { right: -2px; bottom: -2px; cursor: nwse-resize; }
  .readout { font-variant-numeric: tabular-nums; font-size: 0.875em; }
  .problem { color: var(--cos-danger, #c62828); margin: 0; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
