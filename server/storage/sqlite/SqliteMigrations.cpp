#include "storage/sqlite/detail/SqliteMigrations.h"

#include <array>
#include <string>

#include "domain/Types.h"

namespace nusqa::storage {

namespace {

struct Migration {
    int version;
    const char* sql;  // one or more statements separated by ';'
};

// Append only: a released migration is never edited. Enum columns hold the
// wire names of domain/Types.h; timestamps are "YYYY-MM-DDTHH:MM:SSZ" text;
// the XML is a BLOB so that its bytes come back exactly. AUTOINCREMENT keeps
// ids from ever being reused (they appear in URLs and audit records).
constexpr std::array kMigrations{
    Migration{1, R"sql(
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            code TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            unit TEXT NOT NULL,
            language TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX documents_by_kind ON documents (kind);
        CREATE TABLE editions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES documents (id),
            number INTEGER NOT NULL,
            language TEXT NOT NULL,
            status TEXT NOT NULL,
            xml BLOB NOT NULL,
            sha256 TEXT NOT NULL,
            revision INTEGER NOT NULL,
            size INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (document_id, language, number)
        );
        CREATE INDEX editions_by_document_number ON editions (document_id, number);
    )sql"},
    // 2: people, credentials and the audit chain. Credentials keep only the
    // SHA-256 of a token; users only the Argon2id hash of a password.
    Migration{2, R"sql(
        CREATE TABLE units (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name_kk TEXT NOT NULL,
            name_ru TEXT NOT NULL,
            parent_id INTEGER REFERENCES units (id)
        );
        CREATE TABLE positions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name_kk TEXT NOT NULL,
            name_ru TEXT NOT NULL
        );
        CREATE TABLE users (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            login TEXT NOT NULL UNIQUE,
            full_name_kk TEXT NOT NULL,
            full_name_ru TEXT NOT NULL,
            email TEXT NOT NULL,
            language TEXT NOT NULL,
            position_id INTEGER REFERENCES positions (id),
            unit_id INTEGER REFERENCES units (id),
            roles TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL,
            must_change_password INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX users_by_unit ON users (unit_id);
        CREATE TABLE credentials (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users (id),
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE TABLE audit_log (
            sequence_number INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor_id INTEGER NOT NULL,
            actor_login TEXT NOT NULL,
            action TEXT NOT NULL,
            object_type TEXT NOT NULL,
            object_id TEXT NOT NULL,
            details TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            entry_hash TEXT NOT NULL
        );
        CREATE INDEX audit_by_object ON audit_log (object_type, object_id);
        CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY,
            sequence_number INTEGER NOT NULL,
            entry_hash TEXT NOT NULL
        );
        INSERT INTO audit_head (id, sequence_number, entry_hash) VALUES
            (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
    )sql"},
    // 3: the edition lifecycle: approval facts and a version for
    // compare-and-set, the one edition in force per document and language,
    // agreement routes, signatures, distribution lists, familiarization
    // assignments, and the e-mail outbox.
    Migration{3, R"sql(
        CREATE TABLE edition_lifecycle (
            edition_id INTEGER PRIMARY KEY REFERENCES editions (id),
            version INTEGER NOT NULL,
            round INTEGER NOT NULL,
            decision TEXT NOT NULL,
            effective_date TEXT NOT NULL,
            review_date TEXT NOT NULL,
            entered_at TEXT NOT NULL,
            review_notice_at TEXT NOT NULL
        );
        INSERT INTO edition_lifecycle SELECT id, 0, 0, '', '', '', '', '' FROM editions;
        CREATE TABLE editions_in_force (
            document_id INTEGER NOT NULL REFERENCES documents (id),
            language TEXT NOT NULL,
            edition_id INTEGER NOT NULL UNIQUE REFERENCES editions (id),
            PRIMARY KEY (document_id, language)
        );
        CREATE TABLE agreement_steps (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            edition_id INTEGER NOT NULL REFERENCES editions (id),
            round INTEGER NOT NULL,
            step_order INTEGER NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users (id),
            decision TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            comment TEXT NOT NULL,
            UNIQUE (edition_id, round, user_id)
        );
        CREATE TABLE signatures (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            edition_id INTEGER NOT NULL REFERENCES editions (id),
            user_id INTEGER NOT NULL REFERENCES users (id),
            full_name TEXT NOT NULL,
            position TEXT NOT NULL,
            meaning TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            edition_sha256 TEXT NOT NULL,
            comment TEXT NOT NULL,
            outcome TEXT NOT NULL
        );
        CREATE INDEX signatures_by_edition ON signatures (edition_id);
        CREATE TABLE distribution (
            document_id INTEGER NOT NULL REFERENCES documents (id),
            unit_id INTEGER NOT NULL REFERENCES units (id),
            PRIMARY KEY (document_id, unit_id)
        );
        CREATE TABLE familiarizations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            edition_id INTEGER NOT NULL REFERENCES editions (id),
            user_id INTEGER NOT NULL REFERENCES users (id),
            assigned_at TEXT NOT NULL,
            due_date TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            signature_id INTEGER NOT NULL,
            reminded_at TEXT NOT NULL,
            UNIQUE (edition_id, user_id)
        );
        CREATE INDEX familiarizations_by_user ON familiarizations (user_id);
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT NOT NULL
        );
        CREATE INDEX outbox_pending ON outbox (sent_at, id);
    )sql"},
    // 4: paper editions registered as in force: their approval facts as the
    // registering person recorded them (never signatures), who, when, and
    // from which file.
    Migration{4, R"sql(
        CREATE TABLE paper_registrations (
            edition_id INTEGER PRIMARY KEY REFERENCES editions (id),
            registered_by INTEGER NOT NULL REFERENCES users (id),
            registered_by_login TEXT NOT NULL,
            registered_by_name TEXT NOT NULL,
            registered_at TEXT NOT NULL,
            source_file TEXT NOT NULL,
            approver_position TEXT NOT NULL,
            approver_name TEXT NOT NULL,
            decision TEXT NOT NULL,
            decision_date TEXT NOT NULL,
            approval_date TEXT NOT NULL,
            effective_date TEXT NOT NULL
        );
    )sql"},
    // ---- 5 (issue 13): revision history of drafts ----
    // Every revision of an edition's XML, kept immutable with its SHA-256,
    // author and time (the current one too: revision 1 on creation, each
    // accepted replacement of a draft the next); the revision each
    // signature signed. Editions stored before keep their revision of now.
    Migration{5, R"sql(
        CREATE TABLE edition_revisions (
            edition_id INTEGER NOT NULL REFERENCES editions (id),
            revision INTEGER NOT NULL,
            xml BLOB NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            author_id INTEGER NOT NULL,
            author_login TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (edition_id, revision)
        );
        INSERT INTO edition_revisions
            SELECT id, revision, xml, sha256, size, 0, '', updated_at FROM editions;
        ALTER TABLE signatures ADD COLUMN edition_revision INTEGER NOT NULL DEFAULT 0;
        UPDATE signatures SET edition_revision =
            (SELECT e.revision FROM editions AS e WHERE e.id = signatures.edition_id);
    )sql"},
    // ---- end of 5 ----
    // ---- 6 (issue 12: register on a date, distribution) ----
    // 6: the day an edition stopped being in force (superseded: the
    // replacing edition's effective date; cancelled: the day of the act),
    // for the register on a past date; distribution to positions and to
    // named people besides units; who created each draft (its author).
    Migration{6, R"sql(
        ALTER TABLE edition_lifecycle ADD COLUMN ended_on TEXT NOT NULL DEFAULT '';
        UPDATE edition_lifecycle SET ended_on = (SELECT substr(e.updated_at, 1, 10)
            FROM editions AS e WHERE e.id = edition_lifecycle.edition_id)
            WHERE edition_id IN (SELECT id FROM editions WHERE status = 'cancelled');
        CREATE TABLE distribution_positions (
            document_id INTEGER NOT NULL REFERENCES documents (id),
            position_id INTEGER NOT NULL REFERENCES positions (id),
            PRIMARY KEY (document_id, position_id)
        );
        CREATE TABLE distribution_users (
            document_id INTEGER NOT NULL REFERENCES documents (id),
            user_id INTEGER NOT NULL REFERENCES users (id),
            PRIMARY KEY (document_id, user_id)
        );
        CREATE TABLE edition_authors (
            edition_id INTEGER PRIMARY KEY REFERENCES editions (id),
            user_id INTEGER NOT NULL REFERENCES users (id)
        );
    )sql"},
    // ---- end of 6 ----
    // ---- 7: the route's signatory: a step is "agree" (келісу) or the
    // route's one "sign" step, the person who approves. Steps stored before
    // had no signatory and stay agreeing steps. ----
    Migration{7, R"sql(
        ALTER TABLE agreement_steps ADD COLUMN step_kind TEXT NOT NULL DEFAULT 'agree';
    )sql"},
    // ---- end of 7 ----
    // ---- 8 (issue 17): the job lease of a cluster ----
    // One row per background job that only one node may run at a time (the
    // scheduler with the mail sender): its holder and when the lease ends
    // (milliseconds since 1970, the holder's clock), taken and renewed by a
    // compare-and-set UPDATE (SqlJobLease.cpp). The primary key is the name.
    Migration{8, R"sql(
        CREATE TABLE job_lease (
            name TEXT NOT NULL PRIMARY KEY,
            holder TEXT NOT NULL,
            expires_at INTEGER NOT NULL
        );
        INSERT INTO job_lease (name, holder, expires_at) VALUES ('scheduler', '', 0);
    )sql"},
    // ---- end of 8 ----
    // ---- 9 (issue 17): the login throttle's counters, shared by the nodes ----
    // One row per counter (LoginThrottle, ThrottleStore.h): its kind
    // (1 address, 2 account+address, 3 account, 4 known client; 5-7 the
    // unsettled reservations under keys 1-3, with no schema change), the SHA-256
    // of its key (bounded size whatever the login), failures and the time of
    // the latest (seconds). The index on (kind, last_at) serves the trims:
    // expired counters first, then the least recent.
    Migration{9, R"sql(
        CREATE TABLE login_throttle (
            kind INTEGER NOT NULL,
            key_hash TEXT NOT NULL,
            failures INTEGER NOT NULL,
            last_at INTEGER NOT NULL,
            PRIMARY KEY (kind, key_hash)
        );
        CREATE INDEX login_throttle_by_age ON login_throttle (kind, last_at);
    )sql"},
    // ---- end of 9 ----
    // ---- 10 (issue 13): agreement sheets and familiarization logs as
    // versioned XML (schemas/records.xsd). Every version of an edition's
    // record, immutable, its bytes exactly as written with their SHA-256 and
    // the SHA-256 of the version before it ('' for version 1). kind is
    // "agreement_sheet" or "familiarization_log". ----
    Migration{10, R"sql(
        CREATE TABLE record_versions (
            edition_id INTEGER NOT NULL REFERENCES editions (id),
            kind TEXT NOT NULL,
            version INTEGER NOT NULL,
            xml BLOB NOT NULL,
            sha256 TEXT NOT NULL,
            previous_sha256 TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (edition_id, kind, version)
        );
    )sql"},
    // ---- end of 10 ----
    // ---- 11 (issue 12): controlled copies. Each copy of an edition is
    // numbered 1, 2, ... per edition and held by one person or one unit
    // (the holder's name as at issue, in the edition's language); open ->
    // recall_requested (the edition lost force) -> recalled (returned). ----
    Migration{11, R"sql(
        CREATE TABLE controlled_copies (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            edition_id INTEGER NOT NULL REFERENCES editions (id),
            number INTEGER NOT NULL,
            holder_user_id INTEGER REFERENCES users (id),
            holder_unit_id INTEGER REFERENCES units (id),
            holder_name TEXT NOT NULL,
            note TEXT NOT NULL,
            state TEXT NOT NULL,
            issued_by INTEGER NOT NULL REFERENCES users (id),
            issued_by_login TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            recall_requested_at TEXT NOT NULL,
            recalled_by INTEGER REFERENCES users (id),
            recalled_by_login TEXT NOT NULL,
            recalled_at TEXT NOT NULL,
            UNIQUE (edition_id, number)
        );
        CREATE INDEX controlled_copies_by_state ON controlled_copies (state);
    )sql"},
    // ---- end of 11 ----
    // ---- 12 (issue 11, finding 9): when each session or API token was last
    // used, for the lists of one's tokens. ----
    Migration{12, R"sql(
        ALTER TABLE credentials ADD COLUMN last_used_at TEXT NOT NULL DEFAULT '';
        CREATE INDEX credentials_by_user ON credentials (user_id);
    )sql"},
    // ---- end of 12 ----
    // ---- 13 (issue 13): full-text search ----
    // Every edition's text as passages (code and title; each element with an
    // eId) with their stems (domain/SearchText.h), and an FTS5 index over the
    // stems kept by triggers. unicode61 with remove_diacritics 0 keeps the
    // Kazakh letters (ә, ө, ү, ұ, і, ...) apart from their base letters; '_'
    // is the padding of short stems. Editions stored before are indexed at
    // start-up (SearchIndex::indexMissing).
    Migration{13, R"sql(
        CREATE TABLE search_passages (
            id INTEGER PRIMARY KEY,
            edition_id INTEGER NOT NULL REFERENCES editions (id),
            ordinal INTEGER NOT NULL,
            eid TEXT NOT NULL,
            num TEXT NOT NULL,
            text TEXT NOT NULL,
            terms TEXT NOT NULL
        );
        CREATE INDEX search_passages_by_edition ON search_passages (edition_id, ordinal);
        CREATE VIRTUAL TABLE search_fts USING fts5 (
            terms, content = 'search_passages', content_rowid = 'id',
            tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
        );
        CREATE TRIGGER search_passages_insert AFTER INSERT ON search_passages BEGIN
            INSERT INTO search_fts (rowid, terms) VALUES (new.id, new.terms);
        END;
        CREATE TRIGGER search_passages_delete AFTER DELETE ON search_passages BEGIN
            INSERT INTO search_fts (search_fts, rowid, terms) VALUES ('delete', old.id, old.terms);
        END;
    )sql"},
    // ---- end of 13 ----
    // ---- 14 (issue 13, search within budget): a term index of our own ----
    // FTS5's bm25 ranked every match of a frequent word (280 ms over 20,000
    // editions); the search now reads its own tables, the same on both
    // backends (storage/detail/SqlSearch.h): search_terms, each stem with
    // the number of passages holding it (its document frequency: the
    // rarest condition drives a query, a prefix expands through a bounded
    // range of it), and search_postings, stem -> passage (its primary key
    // serves a stem's passages newest first; search_postings_by_passage
    // serves "does this passage hold a stem with this prefix"). Written in
    // the edition's transaction. The passages are emptied so that start-up
    // (SearchIndex::indexMissing) indexes every edition into the new tables.
    Migration{14, R"sql(
        DROP TRIGGER search_passages_insert;
        DROP TRIGGER search_passages_delete;
        DROP TABLE search_fts;
        DELETE FROM search_passages;
        CREATE TABLE search_terms (
            term TEXT NOT NULL PRIMARY KEY,
            passages INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE search_postings (
            term TEXT NOT NULL,
            passage_id INTEGER NOT NULL,
            PRIMARY KEY (term, passage_id)
        ) WITHOUT ROWID;
        CREATE INDEX search_postings_by_passage ON search_postings (passage_id, term);
    )sql"},
    // ---- end of 14 ----
    // ---- 15 (issue 17): indexes for a university's ten years (bench/scale) ----
    // familiarizations_unsigned_by_due: the overdue lists (unsigned, due
    //   before today) read the few unsigned rows instead of scanning
    //   millions of assignments; the scheduler's reminders use it too.
    // editions_by_status: the approver's queue, reviews due and the
    //   scheduler ask for the editions of one status. It holds every column
    //   those reads select, because an edition's row holds its XML before
    //   sha256, revision, size and the times, and reaching them in the row
    //   walks the XML's overflow pages.
    // editions_of_document: a document's editions (the document page, the
    //   register's "latest edition" and "in force" filters, the register on
    //   a date) without the XML, for the same reason; it starts like
    //   editions_by_document_number, which it replaces.
    // audit_by_type: the audit coverage check walks the entries of one
    //   object type in sequence, page after page, from where the last ended.
    Migration{15, R"sql(
        CREATE INDEX familiarizations_unsigned_by_due ON familiarizations (signed_at, due_date);
        CREATE INDEX editions_by_status ON editions (status, id, document_id, number, language,
            sha256, revision, size, created_at, updated_at);
        CREATE INDEX editions_of_document ON editions (document_id, number, language, status,
            id, sha256, revision, size, created_at, updated_at);
        DROP INDEX editions_by_document_number;
        CREATE INDEX audit_by_type ON audit_log (object_type, sequence_number);
    )sql"},
    // ---- end of 15 ----
    // ---- 16 (issue 17): the pages' queries at ten years' scale ----
    // edition_in_force: when each edition ever in force was in force, as a
    //   row of its own: from its effective date until the effective date of
    //   the next edition of its document and language (a cancelled edition:
    //   until its ended_on), '9999-12-31' while open. "In force on D" is
    //   in_force_from <= D < in_force_until, a range instead of a correlated
    //   NOT EXISTS over every later edition. Rewritten for the document and
    //   language in the transaction of every lifecycle change that moves a
    //   status or a date (SqlLifecycle.cpp), backfilled here by the same
    //   statement. It holds document, language and number so that the
    //   register joins the edition through editions_of_document (covering)
    //   instead of the edition's row with its XML.
    //   edition_in_force_by_document: the register of one unit (its
    //   documents' periods); edition_in_force_by_until: the whole
    //   university's (the periods that ended after D, covering the filter).
    // editions.is_latest: 1 on the editions with the highest number of their
    //   document (set when an edition is created). The register's "latest
    //   edition has status S" and the dashboard's counts per status read
    //   editions_latest_by_status instead of a correlated MAX per document.
    // familiarizations_of_user: a user's assignments with their editions
    //   (the unit's familiarization, the inbox), so assignments of editions
    //   not in force are skipped in the index without reading their rows;
    //   it starts like familiarizations_by_user, which it replaces.
    // documents_by_unit: the register of one unit.
    // familiarizations_unsigned: familiarizations_unsigned_by_due with the
    //   edition and the person, so that the overdue lists (of the whole
    //   university, of one unit) drop the assignments of editions no longer
    //   in force and of other units in the index: at ten years' scale most
    //   unsigned assignments are old, and reading each row was the cost.
    Migration{16, R"sql(
        CREATE TABLE edition_in_force (
            edition_id INTEGER PRIMARY KEY REFERENCES editions (id),
            document_id INTEGER NOT NULL REFERENCES documents (id),
            language TEXT NOT NULL,
            number INTEGER NOT NULL,
            in_force_from TEXT NOT NULL,
            in_force_until TEXT NOT NULL
        );
        INSERT INTO edition_in_force (edition_id, document_id, language, number, in_force_from,
            in_force_until)
        SELECT x.id, x.document_id, x.language, x.number, x.effective_date,
            CASE WHEN x.ended <> '' AND (x.next_from IS NULL OR x.ended < x.next_from)
                THEN x.ended ELSE COALESCE(x.next_from, '9999-12-31') END
        FROM (SELECT e.id, e.document_id, e.language, e.number, l.effective_date,
                CASE WHEN e.status = 'superseded' THEN '' ELSE l.ended_on END AS ended,
                (SELECT MIN(nl.effective_date) FROM editions AS n
                    JOIN edition_lifecycle AS nl ON nl.edition_id = n.id
                    WHERE n.document_id = e.document_id AND n.language = e.language
                    AND n.id <> e.id AND (n.status IN ('in_force', 'superseded')
                        OR (n.status = 'cancelled' AND nl.entered_at <> ''))
                    AND nl.effective_date <> '' AND (nl.effective_date > l.effective_date
                        OR (nl.effective_date = l.effective_date AND n.number > e.number)))
                    AS next_from
            FROM editions AS e JOIN edition_lifecycle AS l ON l.edition_id = e.id
            WHERE (e.status IN ('in_force', 'superseded')
                OR (e.status = 'cancelled' AND l.entered_at <> ''))
            AND l.effective_date <> '') AS x;
        CREATE INDEX edition_in_force_by_document ON edition_in_force (document_id, language,
            in_force_from, in_force_until);
        CREATE INDEX edition_in_force_by_until ON edition_in_force (in_force_until,
            in_force_from, document_id, language, number);
        ALTER TABLE editions ADD COLUMN is_latest INTEGER NOT NULL DEFAULT 0;
        UPDATE editions SET is_latest = 1 WHERE number =
            (SELECT MAX(n.number) FROM editions AS n WHERE n.document_id = editions.document_id);
        CREATE INDEX editions_latest_by_status ON editions (status, is_latest, document_id);
        CREATE INDEX familiarizations_of_user ON familiarizations (user_id, edition_id);
        DROP INDEX familiarizations_by_user;
        CREATE INDEX documents_by_unit ON documents (unit);
        CREATE INDEX familiarizations_unsigned ON familiarizations (signed_at, due_date,
            edition_id, user_id);
        DROP INDEX familiarizations_unsigned_by_due;
    )sql"},
    // ---- end of 16 ----
    // ---- 17 (issue 17): the overdue list of one unit ----
    // familiarizations_unsigned_of_user: a person's unsigned assignments by
    //   due date, with the edition. The overdue list of one unit starts from
    //   the unit's people (about 33 at scale 1) and, with only (user_id,
    //   edition_id) to go by, read every assignment's row of each of them
    //   (about 500 each over ten years) to test signed_at and due_date:
    //   191 ms p95 on MariaDB at scale 1 for 18 rows. Here the two tests
    //   and the join to editions_in_force are answered in the index.
    Migration{17, R"sql(
        CREATE INDEX familiarizations_unsigned_of_user ON familiarizations (user_id, signed_at,
            due_date, edition_id);
    )sql"},
    // ---- end of 17 ----
    // ---- 18 (issue 17): reviews due from an index ----
    // editions_in_force.review_date: the review date of the edition in
    //   force, kept beside it in the lifecycle's transaction (entry into
    //   force, superseding, the review act; the row goes with withdrawal and
    //   cancellation). The dashboard's reviews due were driven by the 20,000
    //   editions in force at scale 1, each probed in edition_lifecycle for
    //   its review date to keep 847 (48.8-50.8 ms p95 on MariaDB, at the
    //   budget). editions_in_force_by_review makes them an index range on
    //   the review date that reads only the due rows, with the edition id
    //   for the joins (covering: the in-force row itself is not read).
    //   Backfilled from the lifecycle rows in one statement.
    Migration{18, R"sql(
        ALTER TABLE editions_in_force ADD COLUMN review_date TEXT NOT NULL DEFAULT '';
        UPDATE editions_in_force SET review_date = COALESCE((SELECT l.review_date
            FROM edition_lifecycle AS l WHERE l.edition_id = editions_in_force.edition_id), '');
        CREATE INDEX editions_in_force_by_review ON editions_in_force (review_date, edition_id);
    )sql"},
    // ---- end of 18 ----
};

Result<int> highestApplied(SqliteConnection& connection) {
    auto statement =
        NUSQA_TRY(connection.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    NUSQA_TRY(statement.step());
    return static_cast<int>(statement.integer(0));
}

}  // namespace

Status migrateSqlite(SqliteConnection& connection) {
    auto transaction =
        NUSQA_TRY(SqliteTransaction::begin(connection, SqliteTransaction::Mode::Immediate));
    NUSQA_TRY(
        connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                           " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
    int applied = NUSQA_TRY(highestApplied(connection));
    int latest = kMigrations.back().version;
    if (applied > latest)
        return fail(ErrorCode::Internal,
                    "the database schema is at version " + std::to_string(applied) +
                        ", newer than this program's " + std::to_string(latest));
    std::string now = utcNow();
    for (const Migration& migration : kMigrations) {
        if (migration.version <= applied) continue;
        if (auto applied = connection.execute(migration.sql); !applied)
            return std::unexpected(std::move(applied).error().withContext(
                "migration " + std::to_string(migration.version)));
        auto record = NUSQA_TRY(connection.prepare(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"));
        NUSQA_TRY(record.bind(migration.version).bind(now).run());
    }
    return transaction.commit();
}

}  // namespace nusqa::storage
