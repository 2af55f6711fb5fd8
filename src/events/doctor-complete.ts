import type { Finding } from '../core/doctor/types.js';

export interface CosDoctorCompleteDetail {
  findings: Finding[];
  errors: number;
  warnings: number;
}

/** A setup check finished (from `<cos-doctor>` or `uploader.checkSetup()`); findings carry code, severity, message and fix. */
export class CosDoctorCompleteEvent extends Event {
  constructor(readonly detail: CosDoctorCompleteDetail) {
    super('cos-doctor-complete', { bubbles: true, composed: true });
  }

  static from(findings: Finding[]): CosDoctorCompleteEvent {
    const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
    return new CosDoctorCompleteEvent({ findings, errors: count('error'), warnings: count('warning') });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cos-doctor-complete': CosDoctorCompleteEvent;
  }
}
