import type { DiffContext, Emit } from "../context.js";

/** A check over the document as a whole (servers, security schemes, components): its changes touch no one operation. */
export type DocumentCheck = (ctx: DiffContext, emit: Emit) => void;
