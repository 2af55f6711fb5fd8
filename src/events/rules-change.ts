import type { PicOperationRule, PicOperations, PicOperationsIssue } from '../core/index.js';

export interface CosRulesChangeDetail {
  /** The rules as edited, fileid templates (`{name}`…) not yet expanded. */
  rules: PicOperationRule[];
  /** The whole Pic-Operations model. */
  model: PicOperations;
  /**
   * The header value (compact ASCII JSON). Send it as is when it has no fileid templates; otherwise
   * expand it per file with `picOperationsForFile(picOperations, file)` from the core.
   */
  picOperations: string;
  /** Every problem found; errors make `valid` false. */
  issues: PicOperationsIssue[];
  valid: boolean;
}

/** The user changed the rules in <cos-rule-editor> (not fired when the page sets `value` or `rules`). */
export class CosRulesChangeEvent extends Event {
  constructor(readonly detail: CosRulesChangeDetail) {
    super('cos-rules-change', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cos-rules-change': CosRulesChangeEvent;
  }
}
