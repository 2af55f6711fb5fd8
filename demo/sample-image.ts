/** A 480×320 landscape drawn in the page, so the demo needs no image files. */
export async function drawSample(): Promise<Blob> {
  const canvas = new OffscreenCanvas(480, 320);
  const g = canvas.getContext('2d')!;
  const sky = g.createLinearGradient(0, 0, 0, 320);
  sky.addColorStop(0, '#0ea5e9');
  sky.addColorStop(1, '#fde68a');
  g.fillStyle = sky;
  g.fillRect(0, 0, 480, 320);
  g.fillStyle = '#f97316';
  g.beginPath();
  g.arc(340, 110, 48, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = '#166534';
  g.beginPath();
  g.moveTo(0, 320);
  for (const [x, y] of [[0, 230], [140, 150], [260, 240], [360, 190], [480, 250], [480, 320]]) g.lineTo(x, y);
  g.fill();
  return canvas.convertToBlob({ type: 'image/png' });
}
