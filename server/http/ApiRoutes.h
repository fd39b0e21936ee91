// The JSON API under /api/v1 plus /healthz: builds the route table whose
// handlers parse the request, make one DocumentService call and serialise
// the result. The OpenAPI description (openapi.json, compiled in) documents
// exactly these routes; tests/http compares the two.
#pragma once

#include <string_view>

#include "domain/DocumentService.h"
#include "http/Router.h"

namespace nusqa::http {

// service must outlive the router.
Router makeApiRouter(DocumentService& service);

// The compiled-in OpenAPI 3 document served at /api/v1/openapi.json.
std::string_view openApiDocument();

}  // namespace nusqa::http
