import path from "node:path";
import { parseYaml, stringifyYaml } from "@redocly/openapi-core";
import { CONFIG_FILE } from "../lib/specs-dir.js";

/** What `galaxiom init` is asked for: which of the template's APIs, and where the specs folder and the output go. */
export interface AppConfigRequest {
  apis: string[];
  /** Absolute paths. */
  specsDir: string;
  out: string;
}

const APIS_HEADER = `# The specs galaxiom builds this app's types from, written by \`galaxiom init\` (the format of galaxiom's own
# specs/apis.yaml: https://github.com/galaxiom/galaxiom/blob/main/specs/apis.yaml). Paths are relative to this file.
#
#   out                             where \`galaxiom generate\` writes <api>.ts (the types: createAxiomClient<paths>),
#                                   <api>.security.ts (the credentials each operation takes: its \`security\` option)
#                                   and <api>.openapi.yaml; a folder of its own inside the app, replaced whole
#   apis.<api>.overlay              OpenAPI Overlay applied after the merge: galaxiom's fixes, then yours
#   apis.<api>.specs.<name>.file    the vendor document, byte-for-byte as \`galaxiom pull <name>\` fetched it
#   apis.<api>.specs.<name>.url     where \`galaxiom pull\` fetches its next version
#   apis.<api>.specs.<name>.select  the operations to keep: \`all\`, or any of operations ("GET /v2/token"),
#                                   paths (globs), tags, operationIds; fewer operations, faster type-checking
#   pathPrefix, namePrefix, allowRemoteRefs: as galaxiom's own file says
#
# Lint rules are in redocly.yaml beside this file. A vendor published a new spec: \`galaxiom pull\` (shows what
# changed in the operations kept), \`galaxiom generate\`, commit.
`;

const REDOCLY_HEADER = `# Lint rules for the descriptions \`galaxiom generate\` builds, one entry per API of apis.yaml; galaxiom's own,
# where each relaxed rule says why: https://github.com/galaxiom/galaxiom/blob/main/specs/redocly.yaml
`;

/** The APIs of galaxiom's own config (`template`, as templateFiles reads it), which an app may ask for. */
export function templateApis(template: Map<string, string>): string[] {
  return Object.keys(ownApis(template));
}

function ownApis(template: Map<string, string>): Record<string, { overlay?: string }> {
  return (parseYaml(template.get(CONFIG_FILE)!) as { apis: Record<string, { overlay?: string }> }).apis;
}

/**
 * The app's specs folder, name (relative to it) → text, from galaxiom's own (`template`, as templateFiles reads it):
 * apis.yaml with the chosen APIs and `out`, redocly.yaml with their rules, rooted at the app's output, and their
 * overlays as they are. Parsed and written again rather than edited as text, so that no other API's entry survives.
 */
export function appConfig(template: Map<string, string>, { apis, specsDir, out }: AppConfigRequest): Map<string, string> {
  const own = ownApis(template);
  const redocly = parseYaml(template.get("redocly.yaml")!) as { apis?: Record<string, { root?: string }> };
  // Written with "/" on every system, as the file is shared through the app's repository.
  const outFromSpecs = path.relative(specsDir, out).split(path.sep).join("/");
  const chosen = Object.fromEntries(apis.map((name) => [name, own[name]!]));
  const rules = Object.fromEntries(apis.map((name) => [name, { ...redocly.apis?.[name], root: `${outFromSpecs}/${name}.openapi.yaml` }]));
  const files = new Map<string, string>([
    [CONFIG_FILE, APIS_HEADER + stringifyYaml({ out: outFromSpecs, apis: chosen }, { lineWidth: -1 })],
    ["redocly.yaml", REDOCLY_HEADER + stringifyYaml({ ...redocly, apis: rules }, { lineWidth: -1 })],
  ]);
  for (const { overlay } of Object.values(chosen)) if (overlay) files.set(overlay, template.get(overlay)!);
  return files;
}
