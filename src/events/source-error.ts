export interface CosSourceErrorDetail {
  /** The source that failed: `camera`, or `drop-target` when its selector matches nothing. */
  source: 'camera' | 'drop-target';
  /** `denied`: permission refused; `unavailable`: no such device or element; `failed`: anything else. */
  reason: 'denied' | 'unavailable' | 'failed';
  /** The text shown in the element's messages. */
  message: string;
  /** The browser's error name (`NotAllowedError`, `NotFoundError`…), when there was one. */
  name?: string;
}

/** A way of adding files could not be used; the element shows the same message. */
export class CosSourceErrorEvent extends Event {
  constructor(readonly detail: CosSourceErrorDetail) {
    super('cos-source-error', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cos-source-error': CosSourceErrorEvent;
  }
}
