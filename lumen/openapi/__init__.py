"""The API's description: the OpenAPI document and the pages that render it."""
