// GET /api/v1/editions/{id}/pdf[?profile=NAME]: the edition printed with an
// organisation profile (default: the one the edition names), served from
// the rendition cache when the same bytes were printed before; and
// GET /api/v1/copies/{id}/pdf: a numbered controlled copy's PDF.
#pragma once

#include "domain/RenditionService.h"
#include "http/Router.h"

namespace nusqa::http {

// renditions must outlive the router.
void addRenditionRoutes(Router& router, RenditionService& renditions);

}  // namespace nusqa::http
