// Runs before the API reference page (/api) loads Scalar's bundle. The Zod inside it probes whether it may compile
// code (Function("")) unless told to be jitless; under the app's CSP (no 'unsafe-eval') the probe is refused and the
// browser reports a CSP violation. Jitless Zod never probes, so the page needs no 'unsafe-eval'.
globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
