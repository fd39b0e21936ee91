// POST /api/v1/import: a Word (.docx), text or Markdown file as the request
// body, answered with the edition XML the importer made of it and the
// report — nothing is stored (the client then creates the document and
// posts the edition, after checking the report).
//
// The type comes from Content-Type (text/plain, text/markdown,
// application/vnd.openxmlformats-officedocument.wordprocessingml.document;
// text must be UTF-8), or, for application/octet-stream or no Content-Type,
// from the extension of the `name` query parameter. Query parameters:
// name (the file name, used in messages and the report), profile, code,
// title (see import::ImportOptions).
//
// 200 {"xml":"...","document":{...},"report":{...}} (import::resultJson);
// 400 bad profile name; 413 too large; 415 unknown type or charset;
// 422 damaged or hostile file, not UTF-8, nothing to import.
//
// POST /api/v1/import/fragment: the clipboard's HTML (text/html, UTF-8,
// import/html/HtmlSource.h) recognised by the importer's rules as body
// content for the structured editor's paste (import::recogniseFragment);
// 200 as above (the xml's body is the fragment), 413, 415, 422.
#pragma once

#include "http/Router.h"
#include "import/Importer.h"

namespace nusqa::http {

// importer must outlive the router.
void addImportRoutes(Router& router, const import::Importer& importer);

}  // namespace nusqa::http
