# Sourced by scripts/run, scripts/test and .ci/run: the Node.js the example app's build really needs.
# Vite 8 and rolldown (examples/react-notes/package-lock.json) declare "node": "^20.19.0 || >=22.12.0";
# Debian 12's own nodejs package is 18, which they refuse ("node:util does not provide an export named
# styleText"), so it is never installed from here.
NODE_REQUIRED="^20.19.0 || >=22.12.0"

# Prints nothing and returns 0 when node and npm are there and new enough; else one line saying what to do.
check_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "Node.js $NODE_REQUIRED with npm is needed (the dev CouchDB and the example app's build); install it" \
      "from https://nodejs.org or your distribution's backports (Debian 12's nodejs 18 is too old)"
    return 1
  fi
  local version major minor
  version="$(node --version)"
  version="${version#v}"
  major="${version%%.*}"
  minor="${version#*.}"
  minor="${minor%%.*}"
  if [ "$major" -gt 22 ] || { [ "$major" -eq 22 ] && [ "$minor" -ge 12 ]; } \
      || { [ "$major" -eq 20 ] && [ "$minor" -ge 19 ]; }; then
    return 0
  fi
  echo "Node.js $version is too old: the example app's Vite needs $NODE_REQUIRED; install a newer one from" \
    "https://nodejs.org (Debian 12's nodejs 18 is too old)"
  return 1
}
