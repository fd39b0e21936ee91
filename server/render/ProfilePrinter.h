// ProfilePrinter: the EditionPrinter of Nusqa — reads an edition's XML into
// Content, picks the organisation profile and prints with renderPdf.
// Profiles are read and validated once, at construction, from a directory
// of NAME.xml files (doc-templates/); adding an organisation is adding a file
// and restarting.
//
// Thread safety: print() may run on any number of threads at once.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "domain/EditionPrinter.h"
#include "domain/Profile.h"

namespace nusqa::render {

class ProfilePrinter final : public EditionPrinter {
public:
    // Loads every profile in directory. InvalidDocument naming the file for a
    // profile that does not validate; NotFound when the directory holds no
    // profile or no "default".
    static Result<ProfilePrinter> open(const std::filesystem::path& directory);
    // Loads only the named profiles and "default" (what one print needs:
    // `nusqa render` reads one file, not the whole directory). Errors as
    // open(), and NotFound for a named profile that is not there.
    static Result<ProfilePrinter> open(const std::filesystem::path& directory,
                                       const std::vector<std::string>& names);

    Result<PrintedEdition> print(std::string_view xml, const std::string& profile,
                                 const SheetData& records,
                                 const SealStamp* seal = nullptr) const override;
    Result<PrintedEdition> printRedline(const compare::Redline& redline, const std::string& profile,
                                        const SealStamp* seal = nullptr) const override;
    // print() of an edition already read (render::reader::readEditionContent):
    // for a caller that read it anyway, so that it is not read twice.
    Result<PrintedEdition> printContent(content::Content content, const std::string& profile,
                                        const SheetData& records,
                                        const SealStamp* seal = nullptr) const;

    std::vector<std::string> profileNames() const;

private:
    // The profile of that name; empty: the content's, else "default".
    Result<const profile::Profile*> profileFor(const std::string& profile,
                                               const content::Content& content) const;

    explicit ProfilePrinter(std::map<std::string, profile::Profile> profiles);

    std::map<std::string, profile::Profile> _profiles;
};

}  // namespace nusqa::render
