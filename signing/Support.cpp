#include "signing/detail/Support.h"

#include <podofo/podofo.h>

#include <mutex>

namespace nusqa::signing {

void quietPoDoFo() {
    static std::once_flag once;
    std::call_once(once, [] {
        PoDoFo::PdfError::EnableLogging(false);
        PoDoFo::PdfError::EnableDebug(false);
    });
}

}  // namespace nusqa::signing
