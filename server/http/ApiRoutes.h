// The JSON API under /api/v1 plus /healthz, in groups. Each group declares
// its routes in the route table (http/Router.h: method, pattern, access,
// audit action, handler) and receives only the services its handlers call,
// never the whole application; handlers parse the request, make one domain
// call and serialise the result. The OpenAPI description (openapi.json,
// compiled in) documents exactly the routes of the assembled server;
// tests/http compares the two.
//
// Referenced, not owned: every service must outlive the router.
#pragma once

#include <functional>

#include <string_view>

#include "domain/AuditLog.h"
#include "domain/AuthService.h"
#include "domain/Clock.h"
#include "domain/ComparisonService.h"
#include "domain/DocumentService.h"
#include "domain/LifecycleService.h"
#include "domain/PeopleService.h"
#include "domain/SearchService.h"
#include "http/Router.h"

namespace nusqa::http {

// Whether the session cookie carries Secure (the server speaks HTTPS).
enum class CookieSecurity { Plain, Secure };

// GET /healthz and GET /api/v1/openapi.json. /healthz answers 200 when
// databaseHealth succeeds and 503 otherwise (the balancer takes the node out).
void addServiceRoutes(Router& router, std::function<Status()> databaseHealth);
// /api/v1/documents, their editions, /api/v1/editions/{id} (ApiRoutes.cpp).
void addDocumentRoutes(Router& router, DocumentService& documents);
// /api/v1/auth/* and /api/v1/me, password, tokens (AuthRoutes.cpp).
void addAuthRoutes(Router& router, AuthService& auth, const Clock& clock, CookieSecurity cookies);
// /api/v1/units, positions, users, documents' distribution (PeopleRoutes.cpp).
void addPeopleRoutes(Router& router, PeopleService& people);
// The lifecycle acts and records of editions, one's own familiarizations,
// overdue familiarizations, reviews due (LifecycleRoutes.cpp).
void addLifecycleRoutes(Router& router, LifecycleService& lifecycle);
// The comparison of two editions and the change records drafted from it
// (CompareRoutes.cpp).
void addCompareRoutes(Router& router, ComparisonService& comparisons);

// Controlled copies: issued, listed, recalled (CopyRoutes.cpp); their PDF is
// a rendition (RenditionRoutes.h).
void addCopyRoutes(Router& router, LifecycleService& lifecycle);
// GET /api/v1/register: the editions in force on a date (RegisterRoutes.cpp).
void addRegisterRoutes(Router& router, LifecycleService& lifecycle);
// GET /api/v1/search: the full-text search of the register (SearchRoutes.cpp).
void addSearchRoutes(Router& router, SearchService& search);
// GET /api/v1/audit and /api/v1/audit/verification (AuditRoutes.cpp).
void addAuditRoutes(Router& router, AuditLog& audit);

// The compiled-in OpenAPI 3 document served at /api/v1/openapi.json.
std::string_view openApiDocument();

}  // namespace nusqa::http
