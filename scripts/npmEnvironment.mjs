// The environment for an npm started from a script: what `npm run` / `npx` export for their own
// child (npm_config_*, npm_package_*, npm_lifecycle_*, NODE, INIT_CWD and node_modules/.bin on
// PATH) is removed, so that a nested `npm install` reads only the user's own npm configuration
// (an inherited npm_config_prefix or nodedir would install or build into the wrong place).
// test/harness/install.sh does the same in bash (clean_env).
import { delimiter } from "node:path";

const NPM_EXPORTED = /^(npm_|NPM_CONFIG_|INIT_CWD$|NODE$)/i;

/** A copy of `environment` without what an outer npm exported. */
export function cleanNpmEnvironment(environment = process.env) {
  const clean = {};
  for (const [name, value] of Object.entries(environment)) {
    if (!NPM_EXPORTED.test(name) && value !== undefined) clean[name] = value;
  }
  const pathName = Object.keys(clean).find((name) => name.toUpperCase() === "PATH");
  if (pathName) {
    clean[pathName] = clean[pathName].split(delimiter)
      .filter((entry) => entry !== "" && !/[\\/]node_modules[\\/]\.bin$/.test(entry) && !/[\\/]node-gyp-bin$/.test(entry))
      .join(delimiter);
  }
  return clean;
}
