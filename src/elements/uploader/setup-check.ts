import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Finding } from '../../core/doctor/types.js';
import type { CosUploadErrorEvent } from '../../events/upload-error.js';
import { CosDoctorCompleteEvent } from '../../events/doctor-complete.js';
import type { BrowserDoctorSettings } from '../doctor/browser-doctor.js';
import type { Locale } from '../shared/i18n.js';
import { loadElement } from '../shared/lazy-elements.js';
import type { UploaderOptions } from './uploader-options.js';

const OFFER: Record<Locale, { hint: string; run: string }> = {
  en: { hint: 'Uploads fail in a way that usually means a setup problem (CORS, keys or bucket).', run: 'Check setup' },
  'zh-CN': { hint: '上传失败的方式通常说明配置有问题（跨域、密钥或存储桶）。', run: '检查配置' },
};

/** Failures a finding can explain: a CORS/network block, keys or backend, clock, missing ETag exposure. */
const SETUP_CODES = new Set(['NetworkError', 'CredentialsError', 'ExpiredCredentials', 'MissingETag', 'RequestTimeTooSkewed', 'NoSuchBucket', 'NoProcessAuthority', 'SignatureDoesNotMatch', 'InvalidAccessKeyId']);

/** What an uploader's setup check runs with: its connection, its key prefix and whether it processes images. */
export function doctorSettingsOf(el: UploaderOptions): BrowserDoctorSettings {
  const { bucket, region, tokenProvider, keyPrefix: prefix } = el;
  const processing = !!(el.picOperations || el.rules?.length);
  return { bucket, region, endpoint: el.endpoint || undefined, tokenUrl: el.tokenUrl || undefined, signUrl: el.signUrl || undefined, tokenProvider, prefix, processing };
}

/**
 * Offers the setup doctor when uploads fail like misconfiguration (docs/doctor.md): a CORS or network
 * error, a credentials problem, or AccessDenied twice. Runs it on request and shows `<cos-doctor>`.
 */
export class SetupCheckController implements ReactiveController {
  offered = false;
  findings?: Finding[];
  #denied = 0;
  #running?: Promise<Finding[]>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly settings: () => BrowserDoctorSettings,
  ) {
    host.addController(this);
  }

  readonly #onError = (event: CosUploadErrorEvent) => {
    const { code } = event.detail.error;
    if (code === 'AccessDenied') this.#denied += 1;
    if (SETUP_CODES.has(code) || this.#denied >= 2) {
      this.offered = true;
      this.host.requestUpdate();
    }
  };

  hostConnected(): void {
    this.host.addEventListener('cos-upload-error', this.#onError);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('cos-upload-error', this.#onError);
  }

  /** Runs the doctor with the host's settings; concurrent calls share one run. */
  run(): Promise<Finding[]> {
    this.#running ??= (async () => {
      try {
        const { runBrowserDoctor } = await import('../doctor/browser-doctor.js');
        const findings = await runBrowserDoctor(this.settings());
        this.findings = findings;
        this.host.dispatchEvent(CosDoctorCompleteEvent.from(findings));
        this.host.requestUpdate();
        return findings;
      } finally {
        this.#running = undefined;
      }
    })();
    return this.#running;
  }

  render(locale: Locale) {
    if (this.findings) {
      void loadElement('cos-doctor').catch(() => undefined);
      // cos-doctor-complete already came from the host: the inner element's own event stays inside.
      return html`<cos-doctor part="doctor" .findings=${this.findings} .runner=${() => this.run()}
        @cos-doctor-complete=${(e: Event) => e.stopPropagation()}></cos-doctor>`;
    }
    if (!this.offered) return nothing;
    const s = OFFER[locale];
    return html`<p part="setup-hint" class="notice setup-hint">${s.hint}
      <button type="button" @click=${() => void this.run().catch(() => undefined)}>${s.run}</button></p>`;
  }
}
