// The wire names of the model's enums and error codes.
#include <boost/test/unit_test.hpp>

#include "domain/Error.h"
#include "domain/Types.h"

using namespace nusqa;

BOOST_AUTO_TEST_CASE(names_round_trip) {
    for (auto kind :
         {DocumentKind::Regulation, DocumentKind::JobInstruction, DocumentKind::DocumentedProcedure,
          DocumentKind::WorkInstruction, DocumentKind::OrganisationStandard})
        BOOST_TEST((parseDocumentKind(toString(kind)) == kind));
    for (auto status : {EditionStatus::Draft, EditionStatus::InAgreement, EditionStatus::Agreed,
                        EditionStatus::Approved, EditionStatus::InForce, EditionStatus::Superseded,
                        EditionStatus::Cancelled})
        BOOST_TEST((parseEditionStatus(toString(status)) == status));
    BOOST_TEST(toString(Language::Russian) == "ru");
    BOOST_TEST(!parseLanguage("en").has_value());
    BOOST_TEST(errorCodeName(ErrorCode::InvalidDocument) == "invalid_document");
    BOOST_TEST(utcNow().size() == 20u);
}
