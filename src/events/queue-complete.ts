import type { UploadSnapshot } from '../core/types.js';

export interface CosQueueCompleteDetail {
  uploads: readonly UploadSnapshot[];
  succeeded: number;
  failed: number;
}

/** Nothing is queued, running or completing any more. */
export class CosQueueCompleteEvent extends Event {
  constructor(readonly detail: CosQueueCompleteDetail) {
    super('cos-queue-complete', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cos-queue-complete': CosQueueCompleteEvent;
  }
}
