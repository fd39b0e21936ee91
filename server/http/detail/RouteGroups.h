// The route groups of the API beyond the register of documents, each in its
// own file and registered from makeApiRouter() with one call. Private to
// http/. Every route here has its rule in AccessRules.cpp.
#pragma once

#include "http/ApiRoutes.h"
#include "http/Router.h"

namespace nusqa::http {

void addAuthRoutes(Router& router, const ApiServices& services);       // AuthRoutes.cpp
void addPeopleRoutes(Router& router, const ApiServices& services);     // PeopleRoutes.cpp
void addLifecycleRoutes(Router& router, const ApiServices& services);  // LifecycleRoutes.cpp
void addAuditRoutes(Router& router, const ApiServices& services);      // AuditRoutes.cpp

}  // namespace nusqa::http
