// Reading the content of an edition and organisation profiles from XML, for
// rendering. Untrusted input is parsed safely (xml/SafeParser: no network,
// no DTD, no entities, DOCTYPE rejected) and validated against the schema
// before it is converted: schemas/document.xsd for editions,
// schemas/profile.xsd (built into the binary) for profiles.
//
// Errors: InvalidDocument (not well-formed, DOCTYPE, not schema-valid; with
// line:column details), TooLarge (input over the limit), NotFound (no such
// profile file), InvalidArgument (a profile name that is not [a-z0-9_-]+),
// Internal (libxml2 failure). Every message starts with "render/reader: ".
// Thread safety: all functions may run concurrently on any threads.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Content.h"
#include "domain/Error.h"
#include "domain/Profile.h"

namespace nusqa::render::reader {

// Editions up to this size are read (the HTTP layer has its own limit).
inline constexpr std::size_t kMaxContentBytes = 32 * 1024 * 1024;

// The edition as a content tree. Inline whitespace is collapsed as a browser
// would: runs of spaces, tabs and newlines become one space; a paragraph's
// leading and trailing spaces are dropped.
Result<content::Content> readEditionContent(std::string_view xml);

// Compiles the document schema readEditionContent validates with, once per
// process (later calls return at once), so that a caller can have it done
// on another thread beforehand. Errors: Internal (the built-in schema does
// not compile; readEditionContent then says the same).
Status prepareEditionReading();

// A profile from its XML; name is recorded as Profile::name.
Result<profile::Profile> readProfile(std::string_view xml, const std::string& name);

// directory/NAME.xml read and parsed by readProfile.
Result<profile::Profile> loadProfile(const std::filesystem::path& directory,
                                     const std::string& name);

// The names of the profiles in directory (NAME of every NAME.xml), sorted.
std::vector<std::string> listProfiles(const std::filesystem::path& directory);

// The bytes of schemas/profile.xsd as built in.
std::string_view profileSchemaXsd();

}  // namespace nusqa::render::reader
