/**
 * A multipart/form-data body as a Blob of text parts around the file: the file is referenced, never read
 * into memory. The file goes last, as COS requires.
 */
export function buildPostForm(fields: Record<string, string>, file: Blob, key: string): { body: Blob; contentType: string } {
  const boundary = `----cos-uploader-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const quote = (value: string) => value.replace(/["\r\n]/g, (c) => encodeURIComponent(c));
  const head = Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`)
    .join('');
  const fileName = quote(key.slice(key.lastIndexOf('/') + 1) || 'file');
  const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  return { body: new Blob([head, fileHead, file, `\r\n--${boundary}--\r\n`]), contentType: `multipart/form-data; boundary=${boundary}` };
}

