// The JSON API under /api/v1 plus /healthz: builds the route table whose
// handlers parse the request, make one DocumentService call and serialise
// the result. The OpenAPI description (openapi.json, compiled in) documents
// exactly these routes; tests/http compares the two.
#pragma once

#include <string_view>

#include "domain/AuditLog.h"
#include "domain/AuthService.h"
#include "domain/Clock.h"
#include "domain/DocumentService.h"
#include "domain/LifecycleService.h"
#include "domain/PeopleService.h"
#include "http/Router.h"

namespace nusqa::http {

// The domain services the handlers call. Referenced, not owned: this object
// and every service must outlive the router.
struct ApiServices {
    DocumentService& documents;
    AuthService& auth;
    PeopleService& people;
    LifecycleService& lifecycle;
    AuditLog& audit;
    const Clock& clock;
    bool secureCookies = false;  // Secure on the session cookie (HTTPS)
};

// Every route; their access rules are in http/AccessRules.cpp.
Router makeApiRouter(const ApiServices& services);

// The compiled-in OpenAPI 3 document served at /api/v1/openapi.json.
std::string_view openApiDocument();

}  // namespace nusqa::http
