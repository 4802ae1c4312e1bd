import type { ChangeId } from "../catalogue.js";
import type { DiffContext, Emit } from "../context.js";
import { compareSchemas } from "../schema/compare.js";
import { child, isJson, type Located } from "../side.js";
import type { Direction } from "../types.js";
import { code } from "../text.js";

interface Media {
  key: string;
  pointer: string;
  schema: unknown;
}

export interface ContentIds {
  added: ChangeId;
  removed: ChangeId;
  /** For responses: a specific media type replaced by a range that covers it (`application/*`). */
  generalized?: ChangeId;
  /** The same media type (or, for requests, a range that covers it) under another key: `content["…"]` in the types is renamed. */
  renamed: ChangeId;
}

/**
 * The `content` of a request body or response: media types added and removed, and the schema of each media
 * type present in both compared in `dir`. Media type names compare without parameters and case on the wire; the
 * generated types key `content` by the name as written, so a name written differently is reported as renamed.
 */
export function compareContent(ctx: DiffContext, emit: Emit, dir: Direction, old: Located, now: Located, ids: ContentIds, what: string): void {
  const before = mediaOf(old);
  const after = mediaOf(now);
  const renamed = (a: Media, b: Media) => {
    emit({
      id: ids.renamed,
      message: `${what} media type ${code(a.key)} is now written ${code(b.key)}, another key in the generated types`,
      pointer: { old: a.pointer, new: b.pointer },
    });
  };
  const compare = (a: Media, b: Media) => {
    const schema = (media: Media) => [{ value: media.schema ?? {}, pointer: child(media.pointer, "schema") }];
    for (const finding of compareSchemas(ctx, dir, schema(a), schema(b))) emit(finding);
  };
  for (const [name, media] of before) {
    const same = after.get(name);
    if (same) {
      after.delete(name);
      if (same.key !== media.key) renamed(media, same);
      compare(media, same);
      continue;
    }
    const range = [...after].find(([candidate]) => covers(candidate, name));
    if (range) {
      after.delete(range[0]);
      // A request still sent as the old type is accepted by the range; a response may now come as another subtype.
      if (ids.generalized) {
        const message = `${what} media type ${code(media.key)} replaced by the wider ${code(range[1].key)}`;
        emit({ id: ids.generalized, message, pointer: { old: media.pointer, new: range[1].pointer } });
      } else renamed(media, range[1]);
      compare(media, range[1]);
      continue;
    }
    emit({
      id: ids.removed,
      message: `${what} no longer ${dir === "request" ? "accepts" : "comes as"} ${code(media.key)}`,
      pointer: { old: media.pointer, new: now.pointer },
    });
  }
  for (const media of after.values()) {
    emit({
      id: ids.added,
      message: `${what} ${dir === "request" ? "now also accepts" : "may now come as"} ${code(media.key)}`,
      pointer: { old: old.pointer, new: media.pointer },
    });
  }
}

function mediaOf(container: Located): Map<string, Media> {
  const content = isJson(container.value.content) ? container.value.content : {};
  return new Map(
    Object.entries(content).map(([key, media]) => [
      normalise(key),
      { key, pointer: child(container.pointer, "content", key), schema: isJson(media) ? media.schema : undefined },
    ]),
  );
}

function normalise(mediaType: string): string {
  return (mediaType.split(";")[0] ?? "").trim().toLowerCase();
}

/** `range` (e.g. `application/*`, `*\/*`) includes the specific `name`. */
function covers(range: string, name: string): boolean {
  const [type, subtype] = range.split("/");
  const [nameType] = name.split("/");
  return subtype === "*" && (type === "*" || type === nameType) && range !== name;
}
