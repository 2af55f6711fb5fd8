import { html, nothing, type TemplateResult } from 'lit';
import type { PickedFile } from '../dropped-files.js';
import { formatMessage } from '../../shared/i18n.js';
import type { IntakeStrings } from './strings.js';

export type CameraProblem = { reason: 'denied' | 'unavailable' | 'failed'; name?: string; message: string };

export interface CameraOptions {
  add(files: PickedFile[]): void;
  fail(problem: CameraProblem): void;
  strings(): IntakeStrings;
}

/** Phones and tablets: the capture input opens the system camera app, which is better there than a preview. */
export function prefersCaptureInput(): boolean {
  return !navigator.mediaDevices?.getUserMedia || (matchMedia('(pointer: coarse)').matches && navigator.maxTouchPoints > 0);
}

/** `photo-20261206-081502-123.jpg`, local time, so photos sort by when they were taken and never share a name. */
export function photoName(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}`;
  const time = `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
  return `photo-${date}-${time}-${String(at.getMilliseconds()).padStart(3, '0')}.jpg`;
}

/** What getUserMedia's refusal means for the user. */
export function cameraProblem(error: unknown, s: IntakeStrings): CameraProblem {
  const name = error instanceof Error ? error.name : undefined;
  if (name === 'NotAllowedError' || name === 'SecurityError') return { reason: 'denied', name, message: s.cameraDenied };
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return { reason: 'unavailable', name, message: s.cameraMissing };
  const detail = error instanceof Error ? error.message || error.name : String(error);
  return { reason: 'failed', name, message: formatMessage(s.cameraFailed, { message: detail }) };
}

/**
 * The desktop camera: a live preview (getUserMedia) and a button taking a still photo, which joins the queue
 * as a JPEG. The stream stops when the view closes or the element leaves the page.
 */
export class CameraCapture {
  stream?: MediaStream;
  ready = false;
  #starting = false;

  constructor(
    private readonly host: HTMLElement & { requestUpdate(): void },
    private readonly options: CameraOptions,
  ) {}

  get #video(): HTMLVideoElement | null {
    return this.host.shadowRoot?.querySelector('.camera video') ?? null;
  }

  async start(): Promise<void> {
    if (this.stream || this.#starting) return;
    this.#starting = true;
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      this.host.requestUpdate();
    } catch (error) {
      this.options.fail(cameraProblem(error, this.options.strings()));
    } finally {
      this.#starting = false;
    }
  }

  stop(): void {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    this.ready = false;
    this.host.requestUpdate();
  }

  /** Draws the current frame and hands it over as `photo-<time>.jpg`. */
  async take(): Promise<File | undefined> {
    const video = this.#video;
    if (!video) return undefined;
    // The preview may be a fresh element after a re-render: give it a moment for its first frame.
    for (let i = 0; i < 50 && !video.videoWidth; i += 1) await new Promise((resolve) => setTimeout(resolve, 40));
    if (!video.videoWidth) return undefined;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')?.drawImage(video, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
    if (!blob) return undefined;
    const file = new File([blob], photoName(new Date()), { type: 'image/jpeg', lastModified: Date.now() });
    this.options.add([{ file, path: file.name }]);
    return file;
  }

  /** The button waits for a frame with a size (`loadeddata` can come before the size is known). */
  readonly #onReady = (event: Event) => {
    const ready = (event.target as HTMLVideoElement).videoWidth > 0;
    if (ready === this.ready) return;
    this.ready = ready;
    this.host.requestUpdate();
  };

  render(s: IntakeStrings, disabled: boolean): TemplateResult | typeof nothing {
    if (!this.stream) return nothing;
    return html`
      <div part="camera" class="camera" role="group" aria-label=${s.cameraLabel}>
        <video part="camera-preview" autoplay muted playsinline .srcObject=${this.stream} @loadeddata=${this.#onReady} @resize=${this.#onReady} @playing=${this.#onReady}></video>
        <div class="camera-actions">
          <button type="button" class="take-photo" ?disabled=${disabled || !this.ready} @click=${() => void this.take()}>${s.takePhoto}</button>
          <button type="button" class="close-camera" @click=${() => this.stop()}>${s.closeCamera}</button>
        </div>
      </div>
    `;
  }
}
