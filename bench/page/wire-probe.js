// Classic script, loaded first: wraps XMLHttpRequest.send and fetch to note when each request leaves the page and
// when it ends (page clock), before any library captures them. Records only while armed by the harness.
/* global window, performance, XMLHttpRequest, Request */
(() => {
  const probe = {
    armed: false,
    sends: [],
    /** Forgets earlier sends and records from now on. */
    start() {
      probe.sends = [];
      probe.armed = true;
    },
    stop() {
      probe.armed = false;
    },
  };
  const note = (method, url, via) => {
    if (!probe.armed) return undefined;
    const entry = { t: performance.now(), end: undefined, method: String(method).toUpperCase(), url: String(url), via };
    probe.sends.push(entry);
    return entry;
  };
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.benchTarget = { method, url };
    return open.call(this, method, url, ...rest);
  };
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (body) {
    const entry = this.benchTarget && note(this.benchTarget.method, this.benchTarget.url, 'xhr');
    if (entry) this.addEventListener('loadend', () => (entry.end = performance.now()), { once: true });
    return send.call(this, body);
  };
  const fetch = window.fetch;
  window.fetch = function (input, init) {
    const isRequest = input instanceof Request;
    const entry = note(init?.method ?? (isRequest ? input.method : 'GET'), isRequest ? input.url : input, 'fetch');
    const response = fetch.call(this, input, init);
    // For fetch, "end" is when the response headers arrived.
    if (entry) response.finally(() => (entry.end = performance.now())).catch(() => {});
    return response;
  };
  window.wireProbe = probe;
})();
