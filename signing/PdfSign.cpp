#include "signing/PdfSign.h"

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <podofo/podofo.h>

#include <ctime>
#include <deque>
#include <memory>

#include "signing/detail/Support.h"

namespace nusqa::signing {
namespace {

using namespace PoDoFo;

// Room for the CMS before the certificates are counted: signed attributes,
// signature value (up to RSA-4096) and the structure around them.
constexpr std::size_t kBaseReserve = 2048;
// An RFC 3161 token with the authority's certificate and its chain.
constexpr std::size_t kTimestampReserve = 8192;

PdfString utf8(const std::string& text) {
    return PdfString(reinterpret_cast<const pdf_utf8*>(text.c_str()));
}

std::size_t certificateBytes(const Identity& identity) {
    std::size_t bytes = static_cast<std::size_t>(i2d_X509(identity.certificate(), nullptr));
    for (const auto& issuer : identity.chain())
        bytes += static_cast<std::size_t>(i2d_X509(issuer.get(), nullptr));
    return bytes;
}

std::size_t fieldCount(PdfAcroForm& form) {
    PdfObject* fields = form.GetObject()->GetIndirectKey(PdfName("Fields"));
    return fields != nullptr && fields->IsArray() ? fields->GetArray().size() : 0;
}

// The page at index (request.flatPageTree): the root's kid at index when
// the root counts as many pages as it has kids and that kid is a /Page
// (then every kid is a page, in page order, unless the tree holds empty
// /Pages nodes, which PDFs Nusqa printed do not); else PoDoFo's GetPage.
// A page made here is owned by made.
PdfPage* pageAt(PdfMemDocument& document, int index, bool flatPageTree,
                std::unique_ptr<PdfPage>& made) {
    PdfPagesTree* tree = flatPageTree ? document.GetPagesTree() : nullptr;
    PdfObject* root = tree != nullptr ? tree->GetObject() : nullptr;
    PdfObject* kids = root != nullptr ? root->GetIndirectKey(PdfName("Kids")) : nullptr;
    PdfObject* count = root != nullptr ? root->GetIndirectKey(PdfName("Count")) : nullptr;
    if (kids != nullptr && kids->IsArray() && count != nullptr && count->IsNumber() &&
        count->GetNumber() == static_cast<pdf_int64>(kids->GetArray().size()) &&
        static_cast<std::size_t>(index) < kids->GetArray().size()) {
        const PdfObject& kid = kids->GetArray()[static_cast<std::size_t>(index)];
        PdfObject* object =
            kid.IsReference() ? document.GetObjects().GetObject(kid.GetReference()) : nullptr;
        const PdfObject* type = object != nullptr && object->IsDictionary()
                                    ? object->GetDictionary().GetKey(PdfName::KeyType)
                                    : nullptr;
        if (type != nullptr && type->IsName() && type->GetName() == PdfName("Page")) {
            made = std::make_unique<PdfPage>(object, std::deque<PdfObject*>{root});
            return made.get();
        }
    }
    return document.GetPage(index);
}

// One attempt with a given reserve; returns the signed file, or the size the
// CMS needed when the reserve was too small (bytes empty).
Result<std::string> signOnce(std::string_view pdf, const Identity& identity,
                             const SignatureRequest& request, const TimestampTransport& timestamp,
                             std::size_t reserve, std::size_t& needed) {
    PdfMemDocument document;
    document.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()), true);
    if (document.GetPageCount() == 0)
        return fail(ErrorCode::InvalidArgument, "signing: the PDF has no page");
    PdfAcroForm* form = document.GetAcroForm(true, ePdfAcroFormDefaultAppearance_None);
    // SignaturesExist | AppendOnly: readers must save with incremental updates.
    form->GetObject()->GetDictionary().AddKey(PdfName("SigFlags"),
                                              PdfObject(static_cast<pdf_int64>(3)));

    bool visible = request.area.page > 0;
    int pageIndex = visible ? request.area.page - 1 : 0;
    if (pageIndex >= document.GetPageCount())
        return fail(ErrorCode::InvalidArgument,
                    "signing: page " + std::to_string(request.area.page) + " does not exist");
    std::unique_ptr<PdfPage> madePage;  // outlives every use of page
    PdfPage* page = pageAt(document, pageIndex, request.flatPageTree, madePage);
    PdfRect rect = visible ? PdfRect(request.area.left, request.area.bottom, request.area.width,
                                     request.area.height)
                           : PdfRect(0, 0, 0, 0);
    PdfAnnotation* widget = page->CreateAnnotation(ePdfAnnotation_Widget, rect);
    widget->SetFlags(visible ? ePdfAnnotationFlags_Print
                             : (ePdfAnnotationFlags_Invisible | ePdfAnnotationFlags_Hidden));
    std::string fieldName = request.fieldName.empty()
                                ? "Signature" + std::to_string(fieldCount(*form) + 1)
                                : request.fieldName;
    PdfSignatureField field(widget, form, &document);
    if (visible) {
        // The page itself shows the seal block; the widget's appearance is
        // an empty form over it (readers require one for a visible field).
        PdfXObject appearance(PdfRect(0, 0, request.area.width, request.area.height), &document);
        field.SetAppearanceStream(&appearance);
    }
    field.SetFieldName(utf8(fieldName));
    if (!request.reason.empty()) field.SetSignatureReason(utf8(request.reason));
    if (!request.location.empty()) field.SetSignatureLocation(utf8(request.location));

    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    PdfSignOutputDevice signer(&device);
    signer.SetSignatureSize(reserve);
    field.SetSignature(*signer.GetSignatureBeacon());
    PdfDictionary& dictionary = field.GetSignatureObject()->GetDictionary();
    dictionary.AddKey(PdfName("SubFilter"), PdfName("ETSI.CAdES.detached"));
    dictionary.AddKey(PdfName("M"), PdfString(pdfDate(request.epochSeconds)));
    if (!request.name.empty()) dictionary.AddKey(PdfName("Name"), utf8(request.name));
    if (request.editionId >= 0) {
        dictionary.AddKey(PdfName("NusqaEdition"),
                          PdfObject(static_cast<pdf_int64>(request.editionId)));
        dictionary.AddKey(PdfName("NusqaSHA256"), PdfString(request.editionSha256));
        if (!request.printKind.empty())
            dictionary.AddKey(PdfName("NusqaPrint"), PdfName(request.printKind));
        if (request.comparedEditionId > 0)
            dictionary.AddKey(PdfName("NusqaCompared"),
                              PdfObject(static_cast<pdf_int64>(request.comparedEditionId)));
    }
    document.WriteUpdate(&signer, true);
    if (!signer.HasSignaturePosition())
        return fail(ErrorCode::Internal, "signing: PoDoFo wrote no signature placeholder");
    signer.AdjustByteRange();
    signer.Seek(0);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    EVP_MD_CTX_free);
    EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr);
    char chunk[65536];
    for (std::size_t read; (read = signer.ReadForSignature(chunk, sizeof chunk)) > 0;)
        EVP_DigestUpdate(context.get(), chunk, read);
    std::string digest(32, '\0');
    EVP_DigestFinal_ex(context.get(), reinterpret_cast<unsigned char*>(digest.data()), nullptr);

    std::string cms = NUSQA_TRY(cadesSignature(identity, digest, timestamp));
    if (cms.size() > reserve) {
        needed = cms.size();
        return std::string();
    }
    signer.SetSignature(PdfData(cms.data(), cms.size()));
    signer.Flush();
    return std::string(buffer.GetBuffer(), device.GetLength());
}

}  // namespace

std::string pdfDate(std::int64_t epochSeconds) {
    std::time_t seconds = static_cast<std::time_t>(epochSeconds);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "D:%Y%m%d%H%M%SZ", &utc);
    return text;
}

Result<std::string> signPdf(std::string_view pdf, const Identity& identity,
                            const SignatureRequest& request, const TimestampTransport& timestamp) {
    quietPoDoFo();
    std::size_t reserve =
        kBaseReserve + certificateBytes(identity) + (timestamp ? kTimestampReserve : 0);
    try {
        for (int attempt = 0; attempt < 2; ++attempt) {
            std::size_t needed = 0;
            std::string signedPdf =
                NUSQA_TRY(signOnce(pdf, identity, request, timestamp, reserve, needed));
            if (needed == 0) return signedPdf;
            reserve = needed + 1024;  // an unusually large chain or token: once more with room
        }
        return fail(ErrorCode::Internal,
                    "signing: the signature does not fit the space reserved for it");
    } catch (const PdfError& error) {
        const char* name = PdfError::ErrorName(error.GetError());
        // Errors of reading the input are the caller's; anything else is ours.
        EPdfError kind = error.GetError();
        bool input = kind == ePdfError_NoPdfFile || kind == ePdfError_NoXRef ||
                     kind == ePdfError_NoTrailer || kind == ePdfError_NoEOFToken ||
                     kind == ePdfError_NoObject || kind == ePdfError_InvalidXRef ||
                     kind == ePdfError_InvalidXRefStream || kind == ePdfError_InvalidTrailerSize ||
                     kind == ePdfError_UnexpectedEOF || kind == ePdfError_InvalidStream;
        ErrorCode code = input ? ErrorCode::InvalidArgument : ErrorCode::Internal;
        return fail(code, std::string("signing: PoDoFo: ") + (name != nullptr ? name : "error"));
    }
}

Sealer::Sealer(Identity identity, std::string location, TimestampTransport timestamp)
    : _identity(std::move(identity)),
      _location(std::move(location)),
      _timestamp(std::move(timestamp)) {
    _name = _identity.commonName();
    _certificateSha256 = _identity.certificateSha256();
}

std::string Sealer::sealedBy() const {
    return _name;
}

std::string Sealer::certificateSha256() const {
    return _certificateSha256;
}

Result<std::string> Sealer::seal(std::string_view pdf, const SealArea& area,
                                 const SealStamp& stamp) const {
    SignatureRequest request;
    request.fieldName = "NusqaSeal";
    request.name = _name;
    request.reason = "Electronic seal of the issued copy; verify at " + stamp.verifyUrl;
    request.location = _location;
    request.epochSeconds = stamp.epochSeconds;
    request.area = area;
    request.editionId = stamp.editionId;
    request.editionSha256 = stamp.editionSha256;
    request.printKind = stamp.printKind;
    request.comparedEditionId = stamp.comparedEditionId;
    request.flatPageTree = true;  // the printers' PDFs (EditionPrinter, TablePrinter)
    return signPdf(pdf, _identity, request, _timestamp);
}

}  // namespace nusqa::signing
