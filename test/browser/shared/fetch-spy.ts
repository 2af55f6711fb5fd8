/** Calls `onRequest` with the URL of every `window.fetch` until the returned function puts the real fetch back. */
export function watchFetch(onRequest: (url: string) => void): () => void {
  const realFetch = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    onRequest(input instanceof Request ? input.url : String(input));
    return realFetch(input, init);
  };
  return () => (window.fetch = realFetch);
}
