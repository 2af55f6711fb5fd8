const IMAGE_EXTENSIONS = /\.(jpe?g|png|gif|webp|bmp|tiff?|heic|heif|avif)$/i;

/**
 * Whether Pic-Operations applies to a file: images only. COS answers a non-image sent with
 * Pic-Operations with InvalidImageFormat (docs/protocol.md#where-processing-runs), failing an upload that needs no processing.
 */
export function isProcessableImage(file: Blob & { name?: string }): boolean {
  return file.type ? file.type.startsWith('image/') : IMAGE_EXTENSIONS.test(file.name ?? '');
}
