// cos-js-sdk-v5 (the shipped min.js, loaded as window.COS) as every bench section builds it: keys from the
// emulator's STS, requests to the emulator's host. One place, so every section measures the same SDK setup.
/* global window, fetch */

/** STS JSON → the SDK's getAuthorization callback shape (docs/protocol.md#credentials). */
export function sdkCredentials(body) {
  const c = body.Credentials ?? body.credentials ?? body;
  return {
    TmpSecretId: c.TmpSecretId ?? c.tmpSecretId,
    TmpSecretKey: c.TmpSecretKey ?? c.tmpSecretKey,
    SecurityToken: c.Token ?? c.SessionToken ?? c.sessionToken ?? c.SecurityToken ?? c.XCosSecurityToken,
    StartTime: body.StartTime ?? body.startTime,
    ExpiredTime: body.ExpiredTime ?? body.expiredTime,
  };
}

/** A new SDK client with its defaults (plus `options`), signing with keys from `stsUrl`. */
export function newSdk({ stsUrl, emuUrl, ...options }) {
  return new window.COS({
    getAuthorization(_opts, callback) {
      fetch(stsUrl)
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`STS ${r.status}`))))
        .then((body) => callback(sdkCredentials(body)), (error) => callback({ error }));
    },
    Domain: `${new URL(emuUrl).host}/{Bucket}`,
    Protocol: 'http:',
    ...options,
  });
}

/** The SDK's error, whatever its shape, as one line. */
export const sdkError = (err) => `${err?.code ?? err?.error?.Code ?? ''} ${err?.message ?? err?.error?.Message ?? JSON.stringify(err)}`;
