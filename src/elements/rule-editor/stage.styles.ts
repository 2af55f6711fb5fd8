import { css } from 'lit';

/** The on-image editor and the before/after comparison; positions come in as custom properties (--l, --t, --x…). */
export const stageStyles = css`
  .stage, .compare { display: grid; gap: 6px; justify-items: start; }
  .stage h3, .compare h3 { margin: 0; font-size: 1.05em; }
  .canvas, .compare-frame {
    position: relative; aspect-ratio: var(--ratio, 1); touch-action: none; user-select: none;
    width: min(100%, calc(var(--cos-editor-stage-height, 320px) * (var(--ratio, 1))));
    background: repeating-conic-gradient(var(--_surface) 0 25%, var(--_bg) 0 50%) 0 0 / 16px 16px;
    border: 1px solid var(--_border);
  }
  .canvas img, .compare-frame img { position: absolute; inset: 0; width: 100%; height: 100%; display: block; pointer-events: none; }
  .compare-frame img { object-fit: contain; }
  /* Operations see the stored pixels: the stage shows them as stored, not turned upright by EXIF. */
  .canvas img { image-orientation: none; }
  .canvas { cursor: crosshair; }
  .shape { position: absolute; left: var(--l); top: var(--t); width: var(--w); height: var(--h); box-sizing: border-box; }
  .shade { position: absolute; inset: 0; overflow: hidden; pointer-events: none; }
  .hole { box-shadow: 0 0 0 100vmax rgb(0 0 0 / 0.45); }
  .region { outline: 2px solid var(--_editor-accent); }
  .region-body { position: absolute; inset: 0; width: 100%; height: 100%; background: transparent; border: 0; border-radius: 0; cursor: move; padding: 0; }
  .handle {
    position: absolute; width: 16px; height: 16px; margin: -8px 0 0 -8px; padding: 0; border-radius: 50%;
    background: var(--_editor-accent); border: 2px solid var(--_bg);
  }
  .handle.nw { left: 0; top: 0; cursor: nwse-resize; }
  .handle.ne { left: 100%; top: 0; cursor: nesw-resize; }
  .handle.sw { left: 0; top: 100%; cursor: nesw-resize; }
  .handle.se { left: 100%; top: 100%; cursor: nwse-resize; }
  .thumb-box { outline: 2px dashed var(--_editor-accent); pointer-events: none; }
  .thumb-box .handle { pointer-events: auto; }
  .thumb-out { background: color-mix(in srgb, var(--_editor-accent) 28%, transparent); pointer-events: none; }
  .thumb-result { position: absolute; left: 4px; bottom: 2px; margin: 0; padding: 0 4px; background: var(--_bg); pointer-events: none; }
  .marker {
    position: absolute; left: var(--x); top: var(--y); transform: translate(-50%, -50%); cursor: grab;
    width: 22px; height: 22px; padding: 0; border-radius: 50%; border: 2px solid var(--_bg);
    background: radial-gradient(circle, var(--_bg) 0 3px, var(--_editor-accent) 3.5px);
  }
  .marker[data-axes='x'] { cursor: ew-resize; }
  .marker[data-axes='y'] { cursor: ns-resize; }
  .marker[data-axes=''] { cursor: default; }
  .canvas button:focus-visible, .split:focus-visible { outline: 3px solid var(--_fg); outline-offset: 2px; }
  .compare-frame { cursor: ew-resize; overflow: hidden; }
  .compare-frame .before { clip-path: inset(0 calc(100% - var(--split, 50%)) 0 0); }
  .split {
    position: absolute; top: 0; bottom: 0; left: var(--split, 50%); width: 4px; margin-left: -2px;
    background: var(--_editor-accent); box-shadow: 0 0 0 1px var(--_bg);
  }
  .split::after {
    content: ''; position: absolute; top: 50%; left: 50%; width: 18px; height: 18px; margin: -9px 0 0 -9px; border-radius: 50%;
    background: var(--_editor-accent); border: 2px solid var(--_bg);
  }
  @media (forced-colors: active) {
    .region, .thumb-box { outline-color: Highlight; }
    .handle, .split, .split::after { background: Highlight; }
  }
`;
