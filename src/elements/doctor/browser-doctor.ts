import { createFetchNetwork, runDoctor } from '../../core/doctor/index.js';
import type { DoctorSettings, Finding } from '../../core/doctor/index.js';

/** What a page passes: the uploader's settings; the origin is this page's. */
export type BrowserDoctorSettings = Omit<DoctorSettings, 'origin'>;

/** Content-Security-Policy given by `<meta>`; header policies are invisible to script but show up as violations. */
function metaPolicies(doc: Document): string[] {
  return [...doc.querySelectorAll('meta[http-equiv]')]
    .filter((meta) => meta.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy')
    .map((meta) => meta.getAttribute('content') ?? '');
}

/**
 * Runs the setup doctor from this page: requests go through the browser's own CORS and CSP, so what
 * fails here is what would fail for uploads. CSP violations seen meanwhile feed csp-connect.
 */
export async function runBrowserDoctor(settings: BrowserDoctorSettings, signal?: AbortSignal): Promise<Finding[]> {
  const violations: string[] = [];
  const onViolation = (event: SecurityPolicyViolationEvent) => {
    if (/^(connect-src|default-src)$/.test(event.effectiveDirective)) violations.push(event.blockedURI);
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  try {
    return await runDoctor({
      ...settings,
      origin: location.origin,
      network: createFetchNetwork({ kind: 'browser' }),
      secureContext: globalThis.isSecureContext,
      csp: metaPolicies(document),
      cspViolations: () => violations,
      signal,
    });
  } finally {
    // Violation events are dispatched asynchronously; give the last ones a turn before detaching.
    await new Promise((resolve) => setTimeout(resolve, 0));
    document.removeEventListener('securitypolicyviolation', onViolation);
  }
}
