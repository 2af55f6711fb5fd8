import type { Finding } from './types.js';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$|\.localhost$/;

function parse(url: string, base?: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

/** http pages other than loopback have no WebCrypto and send keys in clear; https pages cannot call http endpoints. */
export function checkSecureContext(origin: string, targets: string[], secureContext?: boolean): Finding[] {
  const page = parse(origin);
  if (!page) {
    return [{ code: 'insecure-context', severity: 'error', message: `The page origin "${origin}" is not a URL.`, fix: 'Pass the origin the page is served from, e.g. https://app.example.com.' }];
  }
  const findings: Finding[] = [];
  const loopback = LOOPBACK.test(page.hostname);
  if (secureContext === false || (page.protocol === 'http:' && !loopback)) {
    findings.push({
      code: 'insecure-context', severity: 'warning',
      message: `${page.origin} is not a secure context: temporary keys and signatures travel unencrypted, and browsers withhold WebCrypto.`,
      fix: `Serve the page over HTTPS (http is only fine for localhost during development).`,
    });
  }
  for (const target of targets) {
    const url = parse(target, origin);
    if (page.protocol === 'https:' && url?.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
      findings.push({
        code: 'insecure-context', severity: 'error',
        message: `The page is HTTPS but ${url.origin} is plain HTTP: browsers block it as mixed content.`,
        fix: `Use https:// for ${url.origin} (COS endpoints and custom domains support HTTPS).`,
      });
    }
  }
  if (!findings.length) findings.push({ code: 'insecure-context', severity: 'ok', message: `${page.origin} is a secure context for uploads.`, fix: '' });
  return findings;
}

/** connect-src of one policy, falling back to default-src; undefined when the policy restricts neither. */
function connectSources(policy: string): string[] | undefined {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values);
  }
  return directives.get('connect-src') ?? directives.get('default-src');
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };

/** One CSP source expression against a URL (schemes, hosts with `*.`, ports, paths, 'self', '*'). */
export function sourceMatches(source: string, url: URL, page: URL): boolean {
  const s = source.toLowerCase();
  if (s === "'none'") return false;
  if (s === "'self'") return url.origin === page.origin;
  if (s === '*') return /^(https?|wss?):$/.test(url.protocol);
  if (/^[a-z][a-z\d+.-]*:$/.test(s)) return url.protocol === s || (s === 'http:' && url.protocol === 'https:') || (s === 'ws:' && url.protocol === 'wss:');
  const m = /^(?:([a-z][a-z\d+.-]*):\/\/)?(\*|(?:\*\.)?[^/:]+)(?::(\d+|\*))?(\/.*)?$/.exec(s);
  if (!m) return false;
  const [, scheme, host, port, path] = m;
  const wantScheme = scheme ? `${scheme}:` : page.protocol;
  const schemeOk = url.protocol === wantScheme || (wantScheme === 'http:' && url.protocol === 'https:');
  const hostname = url.hostname.toLowerCase();
  const hostOk = host === '*' || (host.startsWith('*.') ? hostname.endsWith(host.slice(1)) : hostname === host);
  const urlPort = url.port || DEFAULT_PORTS[url.protocol] || '';
  const portOk = port === '*' || (port ?? DEFAULT_PORTS[wantScheme]) === urlPort || (!port && wantScheme === 'http:' && url.protocol === 'https:' && urlPort === '443');
  const pathOk = !path || (path.endsWith('/') ? url.pathname.startsWith(path) : url.pathname === path);
  return schemeOk && hostOk && portOk && pathOk;
}

/** Whether every policy lets the page connect to `target`. */
export function cspAllows(policies: string[], target: string, origin: string): boolean {
  const page = parse(origin);
  const url = parse(target, origin);
  if (!page || !url) return false;
  return policies.every((policy) => {
    const sources = connectSources(policy);
    return sources === undefined || sources.some((source) => sourceMatches(source, url, page));
  });
}

/** csp-connect: the page's CSP must let fetch/XHR reach COS and the token backend. */
export function checkCsp(policies: string[], targets: string[], origin: string, violations: string[] = []): Finding[] {
  const blocked = targets.filter((t) => !cspAllows(policies, t, origin) || violations.some((v) => parse(v)?.origin === parse(t, origin)?.origin));
  if (!blocked.length) {
    return [{ code: 'csp-connect', severity: 'ok', message: policies.length ? 'The page\'s Content-Security-Policy allows connecting to COS and the token backend.' : 'No Content-Security-Policy restricts connections.', fix: '' }];
  }
  const origins = [...new Set(blocked.map((t) => parse(t, origin)?.origin ?? t))];
  return [{
    code: 'csp-connect', severity: 'error',
    message: `The page's Content-Security-Policy blocks connections to ${origins.join(', ')}: every upload request would fail before leaving the browser.`,
    fix: `Add ${origins.join(' ')} to the connect-src directive of the page's Content-Security-Policy, e.g. connect-src 'self' ${origins.join(' ')}`,
  }];
}
