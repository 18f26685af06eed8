// A frontend's first flow, typed by the client types generated from Lumen's OpenAPI
// document (`lumen-api.d.ts`, written beside this file by the test): sign in with the
// Auth emulator, register, create a profile, upload a photo, poll it, search. The test
// only compiles it: a change to the document that breaks a screen breaks this build.
import type { components, operations } from "./lumen-api";

type Schemas = components["schemas"];
type Problem = Schemas["ProblemDetails"];
type Op = keyof operations;
type Responses<O extends Op> = operations[O]["responses"];
type Json<O extends Op, S extends keyof Responses<O>> = Responses<O>[S] extends {
  content: { "application/json": infer Body };
}
  ? Body
  : never;
type BodyOf<O extends Op> = operations[O] extends {
  requestBody?: { content: { "application/json": infer Body } };
}
  ? Body
  : never;

const API = "http://127.0.0.1:8000";
const EMULATOR = "http://127.0.0.1:9099/identitytoolkit.googleapis.com/v1";

class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.type}: ${problem.detail ?? problem.title}`);
  }

  // Where a form shows each message: the path of the field in the body.
  fieldMessages(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.message]));
  }
}

async function call<O extends Op, S extends keyof Responses<O>>(
  _operation: O,
  _status: S,
  method: string,
  path: string,
  token: string,
  body?: BodyOf<O> | Blob,
): Promise<{ body: Json<O, S>; etag: string | null }> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (body !== undefined && !(body instanceof Blob)) headers["Content-Type"] = "application/json";
  const response = await fetch(`${API}${path}`, {
    method,
    headers,
    body: body instanceof Blob ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new ProblemError((await response.json()) as Problem);
  return { body: (await response.json()) as Json<O, S>, etag: response.headers.get("ETag") };
}

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${EMULATOR}/accounts:signUp?key=any`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: "secret-password", returnSecureToken: true }),
  });
  const { idToken } = (await response.json()) as { idToken: string };
  return idToken;
}

export async function firstSession(picture: Blob): Promise<string[]> {
  const token = await signIn("mia@example.com");
  const registration: BodyOf<"registerAccount"> = { role: "model", birth_date: "1999-04-01" };
  const account = await call("registerAccount", 201, "POST", "/v1/me", token, registration);
  const me: Schemas["AccountView"] = account.body;

  const wanted: BodyOf<"createProfile"> = {
    display_name: "Mia",
    specialties: ["portrait", "fashion"],
    location: { precision: "city", city_id: 2988507 },
    attributes: { height_cm: 172, measurements: { waist_cm: 61 }, experience: "intermediate" },
  };
  const created = await call("createProfile", 201, "POST", "/v1/profiles", token, wanted);
  const profile: Schemas["ProfileOut"] = created.body;
  // The owner's view is a union tagged by role: a model's attributes are a model's.
  const height = profile.role === "model" ? profile.attributes.height_cm : undefined;
  const version: string | null = created.etag;
  // Tattoos stay private unless she shows them; the rest of her comp card is public.
  const shown: BodyOf<"patchProfile"> = {
    public_attributes: ["height_cm", "measurements", "experience"],
  };
  const path = `/v1/profiles/${profile.id}`;
  const patched = await call("patchProfile", 200, "PATCH", path, token, shown);
  const chosen: string[] = patched.body.public_attributes;

  const draft = await call("createPhoto", 201, "POST", "/v1/photos", token, { title: "Rooftop" });
  const photoId: string = draft.body.id;
  const original = `/v1/photos/${photoId}/original`;
  await call("uploadPhotoOriginal", 202, "PUT", original, token, picture);
  let photo: Schemas["PhotoOut"] = draft.body;
  while (photo.status !== "ready" && photo.status !== "failed") {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    photo = (await call("getMyPhoto", 200, "GET", `/v1/me/photos/${photoId}`, token)).body;
  }
  const mine = await call("listMyPhotos", 200, "GET", "/v1/me/photos?status=failed", token);
  const failures = mine.body.items.map((p) => p.failure_reason ?? "");

  const found = await call("searchProfiles", 200, "GET", "/v1/search/profiles?q=mia", token);
  // A hit has the owner's shape: the same specialties, place and (public) attributes.
  const cards = found.body.items.map((hit: Schemas["ProfileView"]) => {
    const specialties = hit.specialties.map((s) => s.name).join(", ");
    const where = hit.place.city ?? "somewhere";
    const tall = hit.role === "model" ? hit.attributes.height_cm : undefined;
    return `${hit.display_name} (${specialties}) in ${where}, ${tall ?? "?"} cm`;
  });
  const shot = `${photo.owner.name}, ${photo.place.city ?? "no city shown"}`;
  return [
    me.uid,
    String(height),
    String(version),
    ...chosen,
    photo.status,
    shot,
    ...failures,
    ...cards,
  ];
}

export function explain(error: unknown): string {
  if (error instanceof ProblemError) {
    const fields = error.fieldMessages();
    return Object.keys(fields).length ? JSON.stringify(fields) : error.message;
  }
  return String(error);
}
