/**
 * A multipart/form-data body: the fields, then the file, as COS requires. A FormData, not a Blob of text parts
 * around the file: the browser encodes it as it sends, while building a Blob that holds a picked file costs the
 * page's main thread about half a millisecond per file (docs/many-files-throughput.md#post-forms). The file is
 * referenced, never read into memory; the transport sets the Content-Type with its boundary.
 */
export function buildPostForm(fields: Record<string, string>, file: Blob, key: string): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, key.slice(key.lastIndexOf('/') + 1) || 'file');
  return form;
}
