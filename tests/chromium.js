// How the tests and benchmarks start Chromium: Debian's build, never a
// downloaded one; as root it needs --no-sandbox, and the rest keeps it from
// calling hosts this network cannot reach.
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
