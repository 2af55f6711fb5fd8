/**
 * Texts of the row editor, loaded with its chunk rather than with the uploader's first-load strings
 * (docs/bundle-size.md); a page replaces any of them through the uploader's `strings`.
 */
export const EDITOR_STRINGS = {
  editorLabel: 'Edit {name}',
  tools: 'Turn and mirror',
  rotateLeft: 'Rotate left',
  rotateRight: 'Rotate right',
  flipHorizontal: 'Flip horizontally',
  flipVertical: 'Flip vertically',
  reset: 'Reset',
  aspect: 'Aspect ratio',
  free: 'Free',
  cropBox: 'crop box',
  readout: 'Crop {width} × {height} at {x}, {y}; turned {rotate}°',
  keys: 'Arrow keys move the crop box; Shift with arrow keys resizes it. Enter applies, Escape cancels.',
  apply: 'Apply',
  cancel: 'Cancel',
  loadFailed: 'This image cannot be shown in the browser, so it cannot be edited here.',
};

export type EditorStrings = typeof EDITOR_STRINGS;
