/** The setup doctor: checks a bucket, its CORS rules and the keys before the first upload (docs/doctor.md). */
export { runDoctor, doctorExitCode } from './doctor.js';
export { createFetchNetwork } from './network.js';
export type { FetchNetworkOptions } from './network.js';
export { corsRuleXml, stsPolicy } from './fixes.js';
export type { DoctorCode, DoctorNetwork, DoctorOptions, DoctorSettings, Finding, FindingSeverity, ProbeRequest } from './types.js';
