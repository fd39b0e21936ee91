// `nusqa admin create-user --login L --email E --roles R1,R2 [--name-kk T]
//  [--name-ru T] [--language kk|ru] [--unit ID] [--position ID]
//  [--password-stdin] [--config FILE]`
// creates an account in the store named by the settings (file, then NUSQA_*
// variables). Without --password-stdin a random password is generated and
// printed once; with it the first line of standard input is the password.
// The act is in the audit log as done by "command-line". Passwords are never
// logged. Exit 0 on success, 1 when the store refuses (taken login, bad
// field), 2 on a usage error, 3 when the store cannot be opened.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace nusqa::app {

int runAdmin(const std::vector<std::string>& arguments, std::istream& in, std::ostream& out,
             std::ostream& err);

}  // namespace nusqa::app
