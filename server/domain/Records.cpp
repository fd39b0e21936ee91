#include "domain/Records.h"

namespace nusqa {

std::string_view toString(RecordKind kind) {
    return kind == RecordKind::FamiliarizationLog ? "familiarization_log" : "agreement_sheet";
}

std::optional<RecordKind> parseRecordKind(std::string_view text) {
    if (text == "agreement_sheet") return RecordKind::AgreementSheet;
    if (text == "familiarization_log") return RecordKind::FamiliarizationLog;
    return std::nullopt;
}

}  // namespace nusqa
