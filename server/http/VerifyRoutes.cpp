#include "http/VerifyRoutes.h"

#include <charconv>
#include <string>

namespace nusqa::http {
namespace {

void writeSignatureReport(JsonWriter& json, const SignatureReport& signature) {
    json.beginObject();
    json.key("field").value(signature.field);
    json.key("signer").value(signature.signer);
    json.key("issuer").value(signature.issuer);
    json.key("certificateSha256").value(signature.certificateSha256);
    json.key("signingTime").value(signature.signingTime);
    json.key("timestamp");
    if (signature.hasTimestamp) {
        json.beginObject();
        json.key("time").value(signature.timestampTime);
        json.key("valid").value(signature.timestampValid);
        json.endObject();
    } else {
        json.null();
    }
    json.key("byteRange").beginArray();
    for (std::int64_t value : signature.byteRange) json.value(value);
    json.endArray();
    json.key("coversWholeFile").value(signature.coversWholeFile);
    json.key("level").value(signature.level);
    json.key("valid").value(signature.valid);
    json.key("trusted").value(signature.trusted);
    if (!signature.valid) {
        json.key("problem").value(signature.problemCode);
        json.key("message").value(signature.problem);
    }
    if (signature.seal) {
        json.key("edition").value(signature.editionId);
        json.key("editionSha256").value(signature.editionSha256);
        json.key("printed").value(signature.printKind);
        if (signature.comparedEditionId > 0)
            json.key("comparedWith").value(signature.comparedEditionId);
    }
    json.endObject();
}

// The public verify page of an edition (relative: the same server).
std::string verifyPath(const EditionCheck::Replacement& edition) {
    return "/verify/" + std::to_string(edition.id) + "/" + edition.sha256;
}

void writeEditionCheck(JsonWriter& json, const EditionCheck& check) {
    json.beginObject();
    json.key("id").value(check.editionId);
    json.key("sha256").value(check.sha256);
    json.key("status").value(check.status);
    json.key("found").value(check.found);
    if (check.edition) {
        json.key("documentId").value(check.edition->documentId);
        json.key("documentCode").value(check.documentCode);
        json.key("documentTitle").value(check.documentTitle);
        json.key("number").value(check.edition->number);
        json.key("language").value(toString(check.edition->language));
        json.key("organisation").value(check.organisation);
        json.key("effectiveDate").value(check.effectiveDate);
        json.key("replacedBy");
        if (check.replacedBy) {
            json.beginObject();
            json.key("id").value(check.replacedBy->id);
            json.key("number").value(check.replacedBy->number);
            json.key("sha256").value(check.replacedBy->sha256);
            json.key("url").value(verifyPath(*check.replacedBy));
            json.endObject();
        } else {
            json.null();
        }
    }
    if (!check.problem.empty()) json.key("message").value(check.problem);
    json.endObject();
}

Result<Response> verifyPdf(VerificationService& verification, const Request& request) {
    std::string type = request.header("content-type").value_or("");
    if (!type.starts_with("application/pdf") && !type.starts_with("application/octet-stream"))
        return fail(ErrorCode::UnsupportedMediaType,
                    "send the PDF itself with Content-Type application/pdf");
    if (request.body.empty())
        return fail(ErrorCode::InvalidArgument, "the request body holds no PDF");
    VerificationReport report = NUSQA_TRY(verification.verify(request.body));
    JsonWriter json;
    writeVerificationReport(json, report);
    Response response;
    response.body = json.take();
    return response;
}

std::string escapeHtml(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

struct StatusWords {
    const char* kk;
    const char* ru;
    const char* en;
};

StatusWords wordsOf(const std::string& status) {
    if (status == "in_force") return {"Қолданыста", "Действует", "In force"};
    if (status == "superseded")
        return {"Ауыстырылған (күшін жойған)", "Заменена (утратила силу)", "Superseded"};
    if (status == "cancelled") return {"Күшін жойған", "Отменена", "Cancelled"};
    if (status == "draft") return {"Жоба", "Проект", "Draft"};
    if (status == "in_agreement") return {"Келісуде", "На согласовании", "In agreement"};
    if (status == "agreed") return {"Келісілген", "Согласована", "Agreed"};
    if (status == "approved")
        return {"Бекітілген, әлі күшіне енбеген", "Утверждена, ещё не вступила в силу",
                "Approved, not yet in force"};
    return {"Белгісіз: тізілімде мұндай басылым жоқ", "Неизвестна: такой редакции нет в реестре",
            "Unknown: no such edition in the register"};
}

std::string verificationPage(const EditionCheck& check) {
    StatusWords words = wordsOf(check.status);
    std::string page =
        "<!DOCTYPE html>\n<html lang=\"kk\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>Nusqa: " +
        escapeHtml(words.en) +
        "</title></head><body>\n"
        "<h1>Құжатты тексеру / Проверка документа / Document check</h1>\n";
    page += "<p id=\"status\" data-status=\"" + escapeHtml(check.status) + "\"><strong>" +
            escapeHtml(words.kk) + "</strong> / <strong>" + escapeHtml(words.ru) +
            "</strong> / <strong>" + escapeHtml(words.en) + "</strong></p>\n<dl>";
    if (check.edition && !check.organisation.empty())
        page += "<dt>Ұйым / Организация / Organisation</dt><dd id=\"organisation\">" +
                escapeHtml(check.organisation) + "</dd>";
    if (check.edition) {
        page +=
            "<dt>Құжат / Документ / Document</dt><dd id=\"document\"><span "
            "id=\"document-code\">" +
            escapeHtml(check.documentCode) + "</span> <span id=\"document-title\">" +
            escapeHtml(check.documentTitle) + "</span></dd>";
    }
    page += "<dt>Басылым / Редакция / Edition</dt><dd>" + std::to_string(check.editionId) + "</dd>";
    if (check.edition) {
        page += "<dt>Нөмірі / Номер / Number</dt><dd id=\"number\">" +
                std::to_string(check.edition->number) + "</dd>";
        page += "<dt>Тілі / Язык / Language</dt><dd id=\"language\">" +
                std::string(toString(check.edition->language)) + "</dd>";
        page +=
            "<dt>Қолданысқа енгізілген күні / Дата введения / Effective</dt><dd "
            "id=\"effective\">" +
            escapeHtml(check.effectiveDate.empty() ? "—" : check.effectiveDate) + "</dd>";
    }
    if (check.replacedBy)
        page +=
            "<dt>Ауыстырған басылым / Заменена изданием / Replaced by</dt><dd "
            "id=\"replaced-by\"><a href=\"" +
            escapeHtml(verifyPath(*check.replacedBy)) + "\">№ " +
            std::to_string(check.replacedBy->number) + "</a></dd>";
    page += "<dt>SHA-256</dt><dd><code>" + escapeHtml(check.sha256) + "</code></dd></dl>\n";
    if (!check.problem.empty()) page += "<p>" + escapeHtml(check.problem) + "</p>\n";
    page += "</body></html>\n";
    return page;
}

bool isSha256(std::string_view text) {
    if (text.size() != 64) return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

Result<Response> verifyUrl(VerificationService& verification, const Request& request) {
    const std::string& idText = request.pathParameters.at(0);
    const std::string& sha = request.pathParameters.at(1);
    std::int64_t id = 0;
    auto [end, error] = std::from_chars(idText.data(), idText.data() + idText.size(), id);
    if (error != std::errc() || end != idText.data() + idText.size() || id < 0)
        return fail(ErrorCode::NotFound,
                    "no such edition: «" + idText + "» is not an edition number");
    if (!isSha256(sha))
        return fail(ErrorCode::NotFound, "no such edition: «" + sha + "» is not a SHA-256");
    EditionCheck check = verification.check(id, sha);
    Response response;
    response.status = check.found ? 200 : 404;
    if (request.header("accept").value_or("").find("application/json") != std::string::npos) {
        JsonWriter json;
        writeEditionCheck(json, check);
        response.body = json.take();
    } else {
        response.contentType = "text/html; charset=utf-8";
        response.body = verificationPage(check);
    }
    return response;
}

}  // namespace

void writeVerificationReport(JsonWriter& json, const VerificationReport& report) {
    json.beginObject();
    json.key("valid").value(report.pdf.valid);
    if (!report.pdf.valid) {
        json.key("problem").value(report.pdf.problemCode);
        json.key("message").value(report.pdf.problem);
    }
    json.key("size").value(report.pdf.size);
    json.key("signatures").beginArray();
    for (const SignatureReport& signature : report.pdf.signatures)
        writeSignatureReport(json, signature);
    json.endArray();
    json.key("sealed").value(report.sealed);
    json.key("genuine").value(report.genuine);
    if (report.sealed) {
        json.key("printed").value(report.printed);
        if (report.comparedWith > 0) json.key("comparedWith").value(report.comparedWith);
    }
    json.key("edition");
    writeEditionCheck(json, report.edition);
    json.endObject();
}

void addVerifyRoutes(Router& router, VerificationService& verification) {
    // Anyone signed in may check a PDF; the URL in the seal's QR code is
    // public, so a paper copy is checked without an account.
    router.add(
        {"POST", "/api/v1/verify", Access::needs(Action::ReadOwn), "",
         [&verification](const Request& request) { return verifyPdf(verification, request); }});
    router.add(
        {"GET", "/verify/{id}/{sha256}", Access::anyone(), "",
         [&verification](const Request& request) { return verifyUrl(verification, request); }});
}

}  // namespace nusqa::http
