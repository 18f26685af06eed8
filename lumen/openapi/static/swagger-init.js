// Lumen's Swagger UI: the document the API serves, with the Authorize button for a
// Firebase ID token. A file rather than an inline script, so the page's policy can
// allow scripts from this origin only.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/schema/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: true,
  });
});
