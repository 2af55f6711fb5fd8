/**
 * Entry of dist/cos-uploader.js: the whole widget for a plain `<script type="module">`,
 * lit bundled in; heavier pieces (the XML parser) load as sibling chunks when first needed.
 */
export * from './index.js';
