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

Result<std::vector<Role>> parseRoleArray(const Poco::JSON::Object& body) {
    Poco::JSON::Array::Ptr roles = body.getArray("roles");
    if (roles.isNull()) return fail(ErrorCode::InvalidArgument, "field «roles» must be an array");
    std::vector<Role> parsed;
    for (std::size_t i = 0; i < roles->size(); ++i) {
        Poco::Dynamic::Var value = roles->get(static_cast<unsigned>(i));
        if (!value.isString())
            return fail(ErrorCode::InvalidArgument, "field «roles» must hold role names");
        std::string name = value.convert<std::string>();
        auto role = parseRole(name);
        if (!role) return fail(ErrorCode::InvalidArgument, "unknown role «" + name + "»");
        parsed.push_back(*role);
    }
    return parsed;
}

// PATCH /api/v1/users/{id}: only the fields present change; null clears a
// position or unit.
Result<UserChanges> parseUserChanges(const std::string& text) {
    auto body = NUSQA_TRY(parseJsonObject(text));
    UserChanges changes;
    for (const char* refused : {"login", "password", "mustChangePassword", "id"})
        if (body->has(refused))
            return fail(ErrorCode::InvalidArgument,
                        std::string("field «") + refused + "» cannot be changed here");
    if (body->has("fullNameKk"))
        changes.fullNameKk = NUSQA_TRY(stringField(*body, "fullNameKk", true));
    if (body->has("fullNameRu"))
        changes.fullNameRu = NUSQA_TRY(stringField(*body, "fullNameRu", false));
    if (body->has("email")) changes.email = NUSQA_TRY(stringField(*body, "email", true));
    if (body->has("language")) {
        std::string language = NUSQA_TRY(stringField(*body, "language", true));
        changes.language = parseLanguage(language);
        if (!changes.language)
            return fail(ErrorCode::InvalidArgument, "unknown language «" + language + "»");
    }
    if (body->has("positionId"))
        changes.positionId = NUSQA_TRY(integerField(*body, "positionId", false));
    if (body->has("unitId")) changes.unitId = NUSQA_TRY(integerField(*body, "unitId", false));
    if (body->has("roles")) changes.roles = NUSQA_TRY(parseRoleArray(*body));
    if (body->has("active")) {
        Poco::Dynamic::Var active = body->get("active");
        if (!active.isBoolean())
            return fail(ErrorCode::InvalidArgument, "field «active» must be true or false");
        changes.active = active.convert<bool>();
    }
    return changes;
}

// What the handlers of this group use.
struct PeopleServices {
    PeopleService& people;
};

struct PeopleHandlers {
    PeopleServices services;

    Result<Response> createUnit(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        auto body = NUSQA_TRY(parseJsonBody(request));
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
        auto body = NUSQA_TRY(parseJsonBody(request));
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
        NewUser input = NUSQA_TRY(parseNewUser(NUSQA_TRY(requireJsonBody(request))));
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

    // GET /api/v1/people?q=&limit=: the directory of who may be on a route.
    Result<Response> directory(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        DirectoryQuery query;
        query.text = request.queryValue("q").value_or("");
        query.limit = NUSQA_TRY(parseIntParameter(request, "limit", 20));
        DirectoryPage page = NUSQA_TRY(services.people.directory(actor, query));
        JsonWriter json;
        json.beginObject().key("items").beginArray();
        for (const DirectoryEntry& entry : page.items) {
            json.beginObject();
            json.key("id").value(entry.id);
            json.key("fullNameKk").value(entry.fullNameKk);
            json.key("fullNameRu").value(entry.fullNameRu);
            json.key("positionKk").value(entry.positionKk);
            json.key("positionRu").value(entry.positionRu);
            json.key("unitId");
            if (entry.unitId)
                json.value(*entry.unitId);
            else
                json.null();
            json.key("unitKk").value(entry.unitKk);
            json.key("unitRu").value(entry.unitRu);
            json.endObject();
        }
        json.endArray().key("more").value(page.more).endObject();
        return Response::json(200, json.take());
    }

    Result<Response> user(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        JsonWriter json;
        writeUser(json, NUSQA_TRY(services.people.user(actor, id)));
        return Response::json(200, json.take());
    }

    Result<Response> updateUser(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        UserChanges changes = NUSQA_TRY(parseUserChanges(request.body));
        JsonWriter json;
        writeUser(json, NUSQA_TRY(services.people.updateUser(actor, id, std::move(changes))));
        return Response::json(200, json.take());
    }

    Result<Response> resetPassword(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto body = NUSQA_TRY(parseJsonBody(request));
        std::string password = NUSQA_TRY(stringField(*body, "password", true));
        NUSQA_TRY(services.people.resetPassword(actor, id, password));
        return Response::json(204, "");
    }

    Result<Response> renameUnit(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto body = NUSQA_TRY(parseJsonBody(request));
        std::string nameKk = NUSQA_TRY(stringField(*body, "nameKk", true));
        std::string nameRu = NUSQA_TRY(stringField(*body, "nameRu", false));
        NUSQA_TRY(services.people.renameUnit(actor, id, nameKk, nameRu));
        for (const Unit& unit : NUSQA_TRY(services.people.units(actor)))
            if (unit.id == id) {
                JsonWriter json;
                writeUnit(json, unit);
                return Response::json(200, json.take());
            }
        return fail(ErrorCode::NotFound, "unit " + std::to_string(id) + " not found");
    }

    // PUT /api/v1/units/{id}/parent {"parentId": id or null}.
    Result<Response> moveUnit(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto body = NUSQA_TRY(parseJsonBody(request));
        if (!body->has("parentId"))
            return fail(ErrorCode::InvalidArgument,
                        "field «parentId» is required (null: top level)");
        std::optional<std::int64_t> parentId = NUSQA_TRY(integerField(*body, "parentId", false));
        NUSQA_TRY(services.people.moveUnit(actor, id, parentId));
        for (const Unit& unit : NUSQA_TRY(services.people.units(actor)))
            if (unit.id == id) {
                JsonWriter json;
                writeUnit(json, unit);
                return Response::json(200, json.take());
            }
        return fail(ErrorCode::NotFound, "unit " + std::to_string(id) + " not found");
    }

    Result<Response> renamePosition(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        auto body = NUSQA_TRY(parseJsonBody(request));
        std::string nameKk = NUSQA_TRY(stringField(*body, "nameKk", true));
        std::string nameRu = NUSQA_TRY(stringField(*body, "nameRu", false));
        NUSQA_TRY(services.people.renamePosition(actor, id, nameKk, nameRu));
        for (const Position& position : NUSQA_TRY(services.people.positions(actor)))
            if (position.id == id) {
                JsonWriter json;
                writePosition(json, position);
                return Response::json(200, json.take());
            }
        return fail(ErrorCode::NotFound, "position " + std::to_string(id) + " not found");
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
        auto body = NUSQA_TRY(parseJsonBody(request));
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
    router.add({"GET", "/api/v1/people", Access::needs(SendForAgreement), "",
                [h](const Request& r) { return h.directory(r); }});
    router.add({"GET", "/api/v1/users/{id}", Access::needs(ReadPeople), "",
                [h](const Request& r) { return h.user(r); }});
    router.add({"PATCH", "/api/v1/users/{id}", Access::needs(ManagePeople), "user.update",
                [h](const Request& r) { return h.updateUser(r); }});
    router.add({"PUT", "/api/v1/users/{id}/password", Access::needs(ManagePeople),
                "user.password_reset", [h](const Request& r) { return h.resetPassword(r); }});
    router.add({"PATCH", "/api/v1/units/{id}", Access::needs(ManagePeople), "unit.rename",
                [h](const Request& r) { return h.renameUnit(r); }});
    router.add({"PUT", "/api/v1/units/{id}/parent", Access::needs(ManagePeople), "unit.move",
                [h](const Request& r) { return h.moveUnit(r); }});
    router.add({"PATCH", "/api/v1/positions/{id}", Access::needs(ManagePeople), "position.rename",
                [h](const Request& r) { return h.renamePosition(r); }});
    router.add({"GET", "/api/v1/documents/{id}/distribution", Access::needs(ReadRegister), "",
                [h](const Request& r) { return h.distribution(r); }});
    router.add({"PUT", "/api/v1/documents/{id}/distribution", Access::needs(ManageDistribution),
                "document.distribution", [h](const Request& r) { return h.setDistribution(r); }});
}

}  // namespace nusqa::http
