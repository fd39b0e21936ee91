// The lifecycle table: the transitions of the design, and refused ones.
#include <boost/test/unit_test.hpp>

#include "domain/Authorization.h"
#include "domain/Lifecycle.h"

using namespace nusqa;

BOOST_AUTO_TEST_CASE(lifecycle_table_follows_the_design) {
    using enum EditionStatus;
    auto to = [](EditionStatus from, LifecycleAct act) { return transitionFor(from, act)->to; };
    BOOST_TEST((to(Draft, LifecycleAct::Submit) == InAgreement));
    BOOST_TEST((to(InAgreement, LifecycleAct::Agree) == InAgreement));
    BOOST_TEST((to(InAgreement, LifecycleAct::CompleteAgreement) == Agreed));
    BOOST_TEST((to(InAgreement, LifecycleAct::Reject) == Draft));
    BOOST_TEST((to(Agreed, LifecycleAct::Approve) == Approved));
    BOOST_TEST((to(Approved, LifecycleAct::EnterIntoForce) == InForce));
    BOOST_TEST((to(InForce, LifecycleAct::Supersede) == Superseded));
    BOOST_TEST((to(InForce, LifecycleAct::ReviewCancel) == Cancelled));
    BOOST_TEST((to(InForce, LifecycleAct::Familiarize) == InForce));
    BOOST_TEST((to(Draft, LifecycleAct::RegisterInForce) == InForce));
    // Every signing act carries its meaning; the system's acts carry none,
    // nor does registering a paper edition (its facts are recorded, never
    // signed).
    for (const Transition& row : lifecycleTable()) {
        bool system = row.permission == Action::RunScheduler;
        bool cancel = row.act == LifecycleAct::Cancel;
        bool paper = row.act == LifecycleAct::RegisterInForce;
        BOOST_TEST(row.signature.has_value() == (!system && !cancel && !paper), toString(row.act));
    }
}

BOOST_AUTO_TEST_CASE(illegal_transitions_are_conflicts_with_the_reason) {
    auto approveInForce = transitionFor(EditionStatus::InForce, LifecycleAct::Approve);
    BOOST_TEST_REQUIRE(!approveInForce.has_value());
    BOOST_TEST((approveInForce.error().code == ErrorCode::Conflict));
    BOOST_TEST(approveInForce.error().message.find("in_force") != std::string::npos);
    BOOST_TEST(approveInForce.error().message.find("needs agreed") != std::string::npos);
    // No act leaves a terminal state except the table's own rows.
    for (EditionStatus terminal : {EditionStatus::Superseded, EditionStatus::Cancelled})
        for (const Transition& row : lifecycleTable()) BOOST_TEST((row.from != terminal));
    BOOST_TEST(!transitionFor(EditionStatus::Superseded, LifecycleAct::Familiarize).has_value());
}
