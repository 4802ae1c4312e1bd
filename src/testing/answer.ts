import { FakeError, type Interceptable } from "./fake.js";

/**
 * The response an interceptor (MSW, nock) answers with: the fake's, or its failure as a 400 whose body's `message`
 * says it. Not a network error: the client would retry that, and call an unhandled operation three times; a 400
 * ends the call with an ApiError carrying the message. The failure is recorded either way, for `fake.verify()`.
 */
export async function answer(fake: Interceptable, request: Request): Promise<Response> {
  try {
    return await fake.handle(request);
  } catch (error) {
    if (!(error instanceof FakeError)) throw error;
    return Response.json({ message: error.message }, { status: 400, headers: { "x-galaxiom-fake": "failure" } });
  }
}
