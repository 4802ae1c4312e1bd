import { child, isJson } from "../side.js";
import { code } from "../text.js";
import type { DocumentCheck } from "./document.js";

/** The document's server URLs; a trailing slash makes no difference. A removed URL and an added one pair up as a change. */
export const servers: DocumentCheck = (ctx, emit) => {
  const before = urlsOf(ctx.old.doc.servers);
  const after = urlsOf(ctx.new.doc.servers);
  const removed = before.filter((server) => !after.some((other) => other.url === server.url));
  const added = after.filter((server) => !before.some((other) => other.url === server.url));
  removed.forEach((old, i) => {
    const now = added[i];
    if (now)
      emit({
        id: "server-url-changed",
        message: `server URL changed from ${code(old.raw)} to ${code(now.raw)}`,
        pointer: { old: old.pointer, new: now.pointer },
      });
    else emit({ id: "server-removed", message: `server ${code(old.raw)} removed`, pointer: { old: old.pointer } });
  });
  for (const now of added.slice(removed.length)) emit({ id: "server-added", message: `server ${code(now.raw)} added`, pointer: { new: now.pointer } });
};

function urlsOf(servers: unknown): Array<{ url: string; raw: string; pointer: string }> {
  if (!Array.isArray(servers)) return [];
  return servers.flatMap((server, i) =>
    isJson(server) && typeof server.url === "string" ? [{ url: server.url.replace(/\/+$/, ""), raw: server.url, pointer: child("/servers", i) }] : [],
  );
}
