// /api/v1/units, /positions, /users and documents' distribution lists.
#include "http/ApiRoutes.h"
#include "http/detail/JsonRecords.h"
#include "http/detail/RequestParsing.h"

#include <Poco/JSON/Array.h>

namespace nusqa::http {
namespace {

Result<NewUser> parseNewUser(const std::string& text) {
    auto body = NUSQA_TRY(parseJsonObject(text));
    NewUser user;
    user.login = NUSQA_TRY(stringField(*body, "login", true));
    user.fullNameKk = NUSQA_TRY(stringField(*body, "fullNameKk", false));
    user.fullNameRu = NUSQA_TRY(stringField(*body, "fullNameRu", false));
    user.email = NUSQA_TRY(stringField(*body, "email", true));
    user.password = NUSQA_TRY(stringField(*body, "password", true));
    std::string language = NUSQA_TRY(stringField(*body, "language", false));
    if (!language.empty()) {
        auto parsed = parseLanguage(language);
        if (!parsed) return fail(ErrorCode::InvalidArgument, "unknown language «" + language + "»");
        user.language = *parsed;
    }
    user.positionId = NUSQA_TRY(integerField(*body, "positionId", false));
    user.unitId = NUSQA_TRY(integerField(*body, "unitId", false));
    if (body->has("roles")) {
        Poco::JSON::Array::Ptr roles = body->getArray("roles");
        if (roles.isNull())
            return fail(ErrorCode::InvalidArgument, "field «roles» must be an array");
        for (std::size_t i = 0; i < roles->size(); ++i) {
            std::string name = roles->getElement<std::string>(static_cast<unsigned>(i));
            auto role = parseRole(name);
            if (!role) return fail(ErrorCode::InvalidArgument, "unknown role «" + name + "»");
            user.roles.push_back(*role);
        }
    }
    return user;
}

// What the handlers of this group use.
struct PeopleServices {
    PeopleService& people;
};

struct PeopleHandlers {
    PeopleServices services;

    Result<Response> createUnit(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        auto body = NUSQA_TRY(parseJsonObject(request.body));
        Unit unit;
        unit.nameKk = NUSQA_TRY(stringField(*body, "nameKk", true));
        unit.nameRu = NUSQA_TRY(stringField(*body, "nameRu", false));
        unit.parentId = NUSQA_TRY(integerField(*body, "parentId", false));
        Unit created = NUSQA_TRY(services.people.createUnit(actor, unit));
        JsonWriter json;
        writeUnit(json, created);
        return Response::json(201, json.take());
    }

    Result<Response> units(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        JsonWriter json;
        json.beginObject().key("items").beginArray();
        for (const Unit& unit : NUSQA_TRY(services.people.units(actor))) writeUnit(json, unit);
        json.endArray().endObject();
        return Response::json(200, json.take());
    }

    Result<Response> createPosition(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        auto body = NUSQA_TRY(parseJsonObject(request.body));
        Position position;
        position.nameKk = NUSQA_TRY(stringField(*body, "nameKk", true));
        position.nameRu = NUSQA_TRY(stringField(*body, "nameRu", false));
        Position created = NUSQA_TRY(services.people.createPosition(actor, position));
        JsonWriter json;
        writePosition(json, created);
        return Response::json(201, json.take());
    }

    Result<Response> positions(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        JsonWriter json;
        json.beginObject().key("items").beginArray();
        for (const Position& position : NUSQA_TRY(services.people.positions(actor)))
            writePosition(json, position);
        json.endArray().endObject();
        return Response::json(200, json.take());
    }

    Result<Response> createUser(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        NewUser input = NUSQA_TRY(parseNewUser(request.body));
        User created = NUSQA_TRY(services.people.createUser(actor, std::move(input)));
        JsonWriter json;
        writeUser(json, created);
        Response response = Response::json(201, json.take());
        response.headers.emplace_back("Location", "/api/v1/users/" + std::to_string(created.id));
        return response;
    }

    Result<Response> users(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        UserQuery query;
        if (auto unit = NUSQA_TRY(parseIdParameter(request, "unit")))
            query.unitIds.push_back(*unit);
        if (auto role = request.queryValue("role"); role && !role->empty()) {
            query.role = parseRole(*role);
            if (!query.role)
                return fail(ErrorCode::InvalidArgument, "unknown role «" + *role + "»");
        }
        JsonWriter json;
        json.beginObject().key("items").beginArray();
        for (const User& user : NUSQA_TRY(services.people.users(actor, query)))
            writeUser(json, user);
        json.endArray().endObject();
        return Response::json(200, json.take());
    }

    Result<Response> user(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        JsonWriter json;
        writeUser(json, NUSQA_TRY(services.people.user(actor, id)));
        return Response::json(200, json.take());
    }

    Result<Response> distribution(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        Distribution found = NUSQA_TRY(services.people.distribution(actor, id));
        JsonWriter json;
        json.beginObject();
        auto list = [&](const char* name, const std::vector<std::int64_t>& ids) {
            json.key(name).beginArray();
            for (std::int64_t value : ids) json.value(value);
            json.endArray();
        };
        list("unitIds", found.unitIds);
        list("positionIds", found.positionIds);
        list("userIds", found.userIds);
        json.endObject();
        return Response::json(200, json.take());
    }

    Result<Response> setDistribution(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto body = NUSQA_TRY(parseJsonObject(request.body));
        Distribution lists;
        lists.unitIds = NUSQA_TRY(integerArrayField(*body, "unitIds"));
        lists.positionIds = NUSQA_TRY(integerArrayField(*body, "positionIds"));
        lists.userIds = NUSQA_TRY(integerArrayField(*body, "userIds"));
        NUSQA_TRY(services.people.setDistribution(actor, id, std::move(lists)));
        return distribution(request);
    }
};

}  // namespace

void addPeopleRoutes(Router& router, PeopleService& people) {
    using enum Action;
    PeopleHandlers h{{people}};
    router.add({"GET", "/api/v1/units", Access::needs(ReadPeople), "",
                [h](const Request& r) { return h.units(r); }});
    router.add({"POST", "/api/v1/units", Access::needs(ManagePeople), "unit.create",
                [h](const Request& r) { return h.createUnit(r); }});
    router.add({"GET", "/api/v1/positions", Access::needs(ReadPeople), "",
                [h](const Request& r) { return h.positions(r); }});
    router.add({"POST", "/api/v1/positions", Access::needs(ManagePeople), "position.create",
                [h](const Request& r) { return h.createPosition(r); }});
    router.add({"GET", "/api/v1/users", Access::needs(ReadPeople), "",
                [h](const Request& r) { return h.users(r); }});
    router.add({"POST", "/api/v1/users", Access::needs(ManagePeople), "user.create",
                [h](const Request& r) { return h.createUser(r); }});
    router.add({"GET", "/api/v1/users/{id}", Access::needs(ReadPeople), "",
                [h](const Request& r) { return h.user(r); }});
    router.add({"GET", "/api/v1/documents/{id}/distribution", Access::needs(ReadRegister), "",
                [h](const Request& r) { return h.distribution(r); }});
    router.add({"PUT", "/api/v1/documents/{id}/distribution", Access::needs(ManageDistribution),
                "document.distribution", [h](const Request& r) { return h.setDistribution(r); }});
}

}  // namespace nusqa::http
