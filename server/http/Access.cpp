#include "http/Access.h"

namespace nusqa::http {

Access Access::anyone() {
    return Access(std::nullopt, true);
}

Access Access::needs(Action action) {
    return Access(action, false);
}

Access Access::evenWithOneTimePassword() const {
    return Access(_action, true);
}

}  // namespace nusqa::http
