/** Galileo test data shared by the client tests: a key, and the bodies its endpoints answer with. */
export const KEY = "gk-test-0123456789abcdef";
export const GALILEO = "https://api.galileo.ai";

export const tokenResponse = { access_token: "jwt-abc-0123456789", token_type: "bearer", expires_at: "2026-12-01T00:00:00Z" };

export const createdKey = {
  id: "7f1d3c52-0000-4000-8000-000000000001",
  description: "ci",
  created_at: "2026-11-23T00:00:00Z",
  updated_at: "2026-11-23T00:00:00Z",
  created_by: "7f1d3c52-0000-4000-8000-000000000002",
  truncated: "gk-n…",
  api_key: "gk-new-secret-value",
  project_role: "viewer",
};

/** A clock whose backoff is always 0 ms, for tests about whether a retry happens rather than when. */
export const instant = { random: () => 0 };
