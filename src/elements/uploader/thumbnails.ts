/** Image types browsers decode in an `<img>`; others (HEIC, TIFF, RAW) get no thumbnail. */
const PREVIEWABLE = /^image\/(png|jpeg|gif|webp|avif|bmp|svg\+xml|x-icon|vnd\.microsoft\.icon)$/i;

/**
 * Object URLs for local previews of queued images, one per upload id. URLs are revoked when
 * their upload leaves the list or the element leaves the page, so the files can be freed.
 */
export class ThumbnailCache {
  #urls = new Map<string, string>();

  /** A preview URL for an image file, created on first use. */
  urlFor(id: string, file: Blob): string | undefined {
    if (!PREVIEWABLE.test(file.type)) return undefined;
    let url = this.#urls.get(id);
    if (!url) {
      url = URL.createObjectURL(file);
      this.#urls.set(id, url);
    }
    return url;
  }

  /** Revokes the URLs of uploads no longer listed. */
  keepOnly(ids: Iterable<string>): void {
    const keep = new Set(ids);
    for (const [id, url] of this.#urls) {
      if (!keep.has(id)) {
        URL.revokeObjectURL(url);
        this.#urls.delete(id);
      }
    }
  }

  clear(): void {
    this.keepOnly([]);
  }

  get size(): number {
    return this.#urls.size;
  }
}
