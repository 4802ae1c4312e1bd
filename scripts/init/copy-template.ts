// Run by the tools' build, once compiled (dist/init/copy-template.js): copies galaxiom's own specs config into
// dist/template/, which the package ships for `galaxiom init`, so an installed init starts from the config these
// tools were built with. The folder is replaced whole, so a file no longer in the config doesn't linger.
import { fileURLToPath } from "node:url";
import { replaceDir } from "../lib/atomic.js";
import { templateFiles } from "./template.js";

const specs = fileURLToPath(new URL("../../../specs/", import.meta.url));
await replaceDir(fileURLToPath(new URL("../template", import.meta.url)), await templateFiles(specs));
