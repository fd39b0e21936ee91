// GET /api/v1/editions/{id}/pdf[?profile=NAME]: the edition printed with an
// organisation profile (default: the one the edition names), served from
// the rendition cache when the same bytes were printed before;
// GET /api/v1/copies/{id}/pdf: a numbered controlled copy's PDF; and
// GET /api/v1/editions/{a}/compare/{b}/pdf[?fromRevision=&toRevision=&
// profile=&lang=kk|ru|en]: the redline of the comparison (RedlineService).
#pragma once

#include "domain/RedlineService.h"
#include "domain/RenditionService.h"
#include "http/Router.h"

namespace nusqa::http {

// renditions must outlive the router.
void addRenditionRoutes(Router& router, RenditionService& renditions);
// redlines must outlive the router.
void addRedlineRoutes(Router& router, RedlineService& redlines);

}  // namespace nusqa::http
