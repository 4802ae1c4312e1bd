import { access } from "node:fs/promises";
import path from "node:path";

/** The config file of a specs folder. */
export const CONFIG_FILE = "apis.yaml";
/** The specs folder `galaxiom init` writes in an app. */
export const APP_SPECS = "galaxiom";
/** The galaxiom repository's own. */
const REPO_SPECS = "specs";

/**
 * The specs folder `pull` and `generate` read when not given `--specs`: an app's, when `galaxiom init` wrote one
 * here, else the repository's layout; neither changes what the other's users type.
 */
export async function defaultSpecsDir(): Promise<string> {
  return access(path.join(APP_SPECS, CONFIG_FILE)).then(
    () => APP_SPECS,
    () => REPO_SPECS,
  );
}
