#include "storage/mysql/detail/MysqlMigrations.h"

#include <cppconn/resultset.h>

#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include "domain/Types.h"

namespace nusqa::storage {

namespace {

// How long the migration lock is held without a renewal: longer than any one
// step (DDL) takes.
constexpr int kLeaseSeconds = 300;

struct Migration {
    int version;
    std::vector<const char*> steps;  // one statement each, each idempotent
};

// Append only: a released migration is never edited. utf8mb4_bin on code and
// title: exact uniqueness and case-sensitive search, like SQLite's BINARY.
// Enum columns hold the wire names of domain/Types.h in ASCII. The XML is a
// LONGBLOB: bytes, no character set conversion.
const std::array kMigrations{
    Migration{1,
              {R"sql(
        CREATE TABLE IF NOT EXISTS documents (
            id BIGINT NOT NULL AUTO_INCREMENT,
            code VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            kind VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            title TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            unit TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
            language VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL,
            PRIMARY KEY (id),
            UNIQUE KEY documents_code (code),
            KEY documents_by_kind (kind)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
               R"sql(
        CREATE TABLE IF NOT EXISTS editions (
            id BIGINT NOT NULL AUTO_INCREMENT,
            document_id BIGINT NOT NULL,
            number INT NOT NULL,
            language VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            status VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            xml LONGBLOB NOT NULL,
            sha256 VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            revision BIGINT NOT NULL,
            size BIGINT NOT NULL,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL,
            PRIMARY KEY (id),
            UNIQUE KEY editions_document_language_number (document_id, language, number),
            KEY editions_by_document_number (document_id, number),
            CONSTRAINT editions_document FOREIGN KEY (document_id) REFERENCES documents (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql"}},
    // 2: people, credentials and the audit chain (see SqliteMigrations.cpp).
    // Timestamps of the new tables are the domain's text form in ASCII, so
    // both backends hash and compare the same bytes.
    Migration{2,
              {R"sql(
        CREATE TABLE IF NOT EXISTS units (
            id BIGINT NOT NULL AUTO_INCREMENT,
            name_kk TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            name_ru TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            parent_id BIGINT NULL,
            PRIMARY KEY (id),
            CONSTRAINT units_parent FOREIGN KEY (parent_id) REFERENCES units (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
               R"sql(
        CREATE TABLE IF NOT EXISTS positions (
            id BIGINT NOT NULL AUTO_INCREMENT,
            name_kk TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            name_ru TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            PRIMARY KEY (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
               R"sql(
        CREATE TABLE IF NOT EXISTS users (
            id BIGINT NOT NULL AUTO_INCREMENT,
            login VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            full_name_kk TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            full_name_ru TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            language VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            position_id BIGINT NULL,
            unit_id BIGINT NULL,
            roles VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            active INT NOT NULL,
            must_change_password INT NOT NULL,
            created_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            PRIMARY KEY (id),
            UNIQUE KEY users_login (login),
            KEY users_by_unit (unit_id),
            CONSTRAINT users_position FOREIGN KEY (position_id) REFERENCES positions (id),
            CONSTRAINT users_unit FOREIGN KEY (unit_id) REFERENCES units (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
               R"sql(
        CREATE TABLE IF NOT EXISTS credentials (
            token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            user_id BIGINT NOT NULL,
            kind VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            name VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            created_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            expires_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            PRIMARY KEY (token_hash),
            CONSTRAINT credentials_user FOREIGN KEY (user_id) REFERENCES users (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
               R"sql(
        CREATE TABLE IF NOT EXISTS audit_log (
            sequence_number BIGINT NOT NULL,
            at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            actor_id BIGINT NOT NULL,
            actor_login VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            action VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            object_type VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            object_id VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            details TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            previous_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            entry_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            PRIMARY KEY (sequence_number),
            KEY audit_by_object (object_type, object_id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
               R"sql(
        CREATE TABLE IF NOT EXISTS audit_head (
            id INT NOT NULL,
            sequence_number BIGINT NOT NULL,
            entry_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            PRIMARY KEY (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
               "INSERT IGNORE INTO audit_head (id, sequence_number, entry_hash) VALUES"
               " (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')"}},
    // 3: the edition lifecycle (see SqliteMigrations.cpp).
    Migration{
        3,
        {R"sql(
        CREATE TABLE IF NOT EXISTS edition_lifecycle (
            edition_id BIGINT NOT NULL,
            version BIGINT NOT NULL,
            round INT NOT NULL,
            decision VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            effective_date VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            review_date VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            entered_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            review_notice_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            PRIMARY KEY (edition_id),
            CONSTRAINT edition_lifecycle_edition FOREIGN KEY (edition_id) REFERENCES editions (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
         "INSERT IGNORE INTO edition_lifecycle SELECT id, 0, 0, '', '', '', '', '' FROM editions",
         R"sql(
        CREATE TABLE IF NOT EXISTS editions_in_force (
            document_id BIGINT NOT NULL,
            language VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            edition_id BIGINT NOT NULL,
            PRIMARY KEY (document_id, language),
            UNIQUE KEY editions_in_force_edition (edition_id),
            CONSTRAINT editions_in_force_document FOREIGN KEY (document_id) REFERENCES documents (id),
            CONSTRAINT editions_in_force_edition FOREIGN KEY (edition_id) REFERENCES editions (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
         R"sql(
        CREATE TABLE IF NOT EXISTS agreement_steps (
            id BIGINT NOT NULL AUTO_INCREMENT,
            edition_id BIGINT NOT NULL,
            round INT NOT NULL,
            step_order INT NOT NULL,
            user_id BIGINT NOT NULL,
            decision VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            decided_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            comment TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            PRIMARY KEY (id),
            UNIQUE KEY agreement_steps_once (edition_id, round, user_id),
            CONSTRAINT agreement_steps_edition FOREIGN KEY (edition_id) REFERENCES editions (id),
            CONSTRAINT agreement_steps_user FOREIGN KEY (user_id) REFERENCES users (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
         R"sql(
        CREATE TABLE IF NOT EXISTS signatures (
            id BIGINT NOT NULL AUTO_INCREMENT,
            edition_id BIGINT NOT NULL,
            user_id BIGINT NOT NULL,
            full_name TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            position TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            meaning VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            signed_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            edition_sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            comment TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            outcome VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            PRIMARY KEY (id),
            KEY signatures_by_edition (edition_id),
            CONSTRAINT signatures_edition FOREIGN KEY (edition_id) REFERENCES editions (id),
            CONSTRAINT signatures_user FOREIGN KEY (user_id) REFERENCES users (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
         R"sql(
        CREATE TABLE IF NOT EXISTS distribution (
            document_id BIGINT NOT NULL,
            unit_id BIGINT NOT NULL,
            PRIMARY KEY (document_id, unit_id),
            CONSTRAINT distribution_document FOREIGN KEY (document_id) REFERENCES documents (id),
            CONSTRAINT distribution_unit FOREIGN KEY (unit_id) REFERENCES units (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
         R"sql(
        CREATE TABLE IF NOT EXISTS familiarizations (
            id BIGINT NOT NULL AUTO_INCREMENT,
            edition_id BIGINT NOT NULL,
            user_id BIGINT NOT NULL,
            assigned_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            due_date VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            signed_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            signature_id BIGINT NOT NULL,
            reminded_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            PRIMARY KEY (id),
            UNIQUE KEY familiarizations_once (edition_id, user_id),
            KEY familiarizations_by_user (user_id),
            CONSTRAINT familiarizations_edition FOREIGN KEY (edition_id) REFERENCES editions (id),
            CONSTRAINT familiarizations_user FOREIGN KEY (user_id) REFERENCES users (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
         R"sql(
        CREATE TABLE IF NOT EXISTS outbox (
            id BIGINT NOT NULL AUTO_INCREMENT,
            recipient VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            subject TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            body MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            created_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            sent_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            attempts INT NOT NULL,
            last_error TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            PRIMARY KEY (id),
            KEY outbox_pending (sent_at, id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql"}},
    // 4: paper editions registered as in force (see SqliteMigrations.cpp).
    Migration{4, {R"sql(
        CREATE TABLE IF NOT EXISTS paper_registrations (
            edition_id BIGINT NOT NULL,
            registered_by BIGINT NOT NULL,
            registered_by_login VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            registered_by_name TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            registered_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            source_file TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            approver_position TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            approver_name TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            decision TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            decision_date VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            approval_date VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            effective_date VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            PRIMARY KEY (edition_id),
            CONSTRAINT paper_registrations_edition FOREIGN KEY (edition_id) REFERENCES editions (id),
            CONSTRAINT paper_registrations_user FOREIGN KEY (registered_by) REFERENCES users (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql"}},
    // ---- 5 (issue 13): revision history of drafts ----
    // Every revision of an edition's XML, kept immutable with its SHA-256,
    // author and time (the current one too: revision 1 on creation, each
    // accepted replacement of a draft the next); the revision each
    // signature signed. Editions stored before keep their revision of now.
    Migration{5,
              {R"sql(
        CREATE TABLE IF NOT EXISTS edition_revisions (
            edition_id BIGINT NOT NULL,
            revision BIGINT NOT NULL,
            xml LONGBLOB NOT NULL,
            sha256 VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            size BIGINT NOT NULL,
            author_id BIGINT NOT NULL,
            author_login VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            created_at DATETIME NOT NULL,
            PRIMARY KEY (edition_id, revision),
            CONSTRAINT edition_revisions_edition FOREIGN KEY (edition_id) REFERENCES editions (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
               R"sql(
        INSERT IGNORE INTO edition_revisions
            SELECT id, revision, xml, sha256, size, 0, '', updated_at FROM editions
    )sql",
               R"sql(
        ALTER TABLE signatures ADD COLUMN IF NOT EXISTS edition_revision BIGINT NOT NULL DEFAULT 0
    )sql",
               R"sql(
        UPDATE signatures AS s JOIN editions AS e ON e.id = s.edition_id
            SET s.edition_revision = e.revision WHERE s.edition_revision = 0
    )sql"}},
    // ---- end of 5 ----
    // ---- 6 (issue 12: register on a date, distribution; see SqliteMigrations.cpp) ----
    Migration{6,
              {R"sql(
        ALTER TABLE edition_lifecycle ADD COLUMN IF NOT EXISTS
            ended_on VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT ''
    )sql",
               R"sql(
        UPDATE edition_lifecycle AS l JOIN editions AS e ON e.id = l.edition_id
            SET l.ended_on = DATE_FORMAT(e.updated_at, '%Y-%m-%d')
            WHERE e.status = 'cancelled' AND l.ended_on = ''
    )sql",
               R"sql(
        CREATE TABLE IF NOT EXISTS distribution_positions (
            document_id BIGINT NOT NULL,
            position_id BIGINT NOT NULL,
            PRIMARY KEY (document_id, position_id),
            CONSTRAINT distribution_positions_document FOREIGN KEY (document_id)
                REFERENCES documents (id),
            CONSTRAINT distribution_positions_position FOREIGN KEY (position_id)
                REFERENCES positions (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
               R"sql(
        CREATE TABLE IF NOT EXISTS distribution_users (
            document_id BIGINT NOT NULL,
            user_id BIGINT NOT NULL,
            PRIMARY KEY (document_id, user_id),
            CONSTRAINT distribution_users_document FOREIGN KEY (document_id)
                REFERENCES documents (id),
            CONSTRAINT distribution_users_user FOREIGN KEY (user_id) REFERENCES users (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
               R"sql(
        CREATE TABLE IF NOT EXISTS edition_authors (
            edition_id BIGINT NOT NULL,
            user_id BIGINT NOT NULL,
            PRIMARY KEY (edition_id),
            CONSTRAINT edition_authors_edition FOREIGN KEY (edition_id) REFERENCES editions (id),
            CONSTRAINT edition_authors_user FOREIGN KEY (user_id) REFERENCES users (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql"}},
    // ---- end of 6 ----
    // ---- 7: the route's signatory (see SqliteMigrations.cpp) ----
    Migration{7, {R"sql(
        ALTER TABLE agreement_steps ADD COLUMN IF NOT EXISTS
            step_kind VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'agree'
    )sql"}},
    // ---- end of 7 ----
    // ---- 8 (issue 17): the job lease of a cluster (see SqliteMigrations.cpp) ----
    Migration{8,
              {R"sql(
        CREATE TABLE IF NOT EXISTS job_lease (
            name VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            holder VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            expires_at BIGINT NOT NULL,
            PRIMARY KEY (name)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
               R"sql(
        INSERT IGNORE INTO job_lease (name, holder, expires_at) VALUES ('scheduler', '', 0)
    )sql"}},
    // ---- end of 8 ----
    // ---- 9 (issue 17): the login throttle's counters (see SqliteMigrations.cpp) ----
    Migration{9, {R"sql(
        CREATE TABLE IF NOT EXISTS login_throttle (
            kind INT NOT NULL,
            key_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            failures INT NOT NULL,
            last_at BIGINT NOT NULL,
            PRIMARY KEY (kind, key_hash),
            KEY login_throttle_by_age (kind, last_at)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql"}},
    // ---- end of 9 ----
    // ---- 10 (issue 13): versioned agreement sheets and familiarization logs
    // (see SqliteMigrations.cpp) ----
    Migration{10, {R"sql(
        CREATE TABLE IF NOT EXISTS record_versions (
            edition_id BIGINT NOT NULL,
            kind VARCHAR(24) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            version BIGINT NOT NULL,
            xml LONGBLOB NOT NULL,
            sha256 VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            previous_sha256 VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            created_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            PRIMARY KEY (edition_id, kind, version),
            CONSTRAINT record_versions_edition FOREIGN KEY (edition_id) REFERENCES editions (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql"}},
    // ---- end of 10 ----
    // ---- 11 (issue 12): controlled copies (see SqliteMigrations.cpp) ----
    Migration{11, {R"sql(
        CREATE TABLE IF NOT EXISTS controlled_copies (
            id BIGINT NOT NULL AUTO_INCREMENT,
            edition_id BIGINT NOT NULL,
            number INT NOT NULL,
            holder_user_id BIGINT NULL,
            holder_unit_id BIGINT NULL,
            holder_name TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            note TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            state VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            issued_by BIGINT NOT NULL,
            issued_by_login VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            issued_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            recall_requested_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            recalled_by BIGINT NULL,
            recalled_by_login VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            recalled_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            PRIMARY KEY (id),
            UNIQUE KEY controlled_copies_number (edition_id, number),
            KEY controlled_copies_by_state (state),
            CONSTRAINT controlled_copies_edition FOREIGN KEY (edition_id) REFERENCES editions (id),
            CONSTRAINT controlled_copies_user FOREIGN KEY (holder_user_id) REFERENCES users (id),
            CONSTRAINT controlled_copies_unit FOREIGN KEY (holder_unit_id) REFERENCES units (id),
            CONSTRAINT controlled_copies_issuer FOREIGN KEY (issued_by) REFERENCES users (id),
            CONSTRAINT controlled_copies_recaller FOREIGN KEY (recalled_by) REFERENCES users (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql"}},
    // ---- end of 11 ----
    // ---- 12 (issue 11, finding 9): credentials' last use (see SqliteMigrations.cpp);
    // the foreign key on user_id already indexes it ----
    Migration{12, {R"sql(
        ALTER TABLE credentials ADD COLUMN IF NOT EXISTS
            last_used_at VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT ''
    )sql"}},
    // ---- end of 12 ----
    // ---- 13 (issue 13): full-text search ----
    // Every edition's text as passages with their stems
    // (domain/SearchText.h) and an InnoDB FULLTEXT index over the stems.
    // Stems are padded to the parser's minimum token size of 3; the
    // stopword list does not matter (no Cyrillic word is in it, stems of
    // short Latin words are padded). Editions stored before are indexed at
    // start-up (SearchIndex::indexMissing).
    Migration{13, {R"sql(
        CREATE TABLE IF NOT EXISTS search_passages (
            id BIGINT NOT NULL AUTO_INCREMENT,
            edition_id BIGINT NOT NULL,
            ordinal INT NOT NULL,
            eid VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            num VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            text MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            terms MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            PRIMARY KEY (id),
            KEY search_passages_by_edition (edition_id, ordinal),
            FULLTEXT KEY search_passages_terms (terms),
            CONSTRAINT search_passages_edition FOREIGN KEY (edition_id) REFERENCES editions (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
    )sql"}},
    // ---- end of 13 ----
    // ---- 14 (issue 13, search within budget): a term index of our own ----
    // (see SqliteMigrations.cpp). InnoDB FULLTEXT computed the whole match
    // set of a frequent prefix before any limit (10 s for ереже*); B-tree
    // range scans on search_terms and search_postings stop at a limit.
    // utf8mb4_bin: stems compare by code point, so a prefix is one range.
    Migration{14,
              {R"sql(
        ALTER TABLE search_passages DROP INDEX IF EXISTS search_passages_terms
    )sql",
               R"sql(
        CREATE TABLE IF NOT EXISTS search_terms (
            term VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            passages BIGINT NOT NULL,
            PRIMARY KEY (term)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
    )sql",
               R"sql(
        CREATE TABLE IF NOT EXISTS search_postings (
            term VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            passage_id BIGINT NOT NULL,
            PRIMARY KEY (term, passage_id),
            KEY search_postings_by_passage (passage_id, term)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
    )sql",
               R"sql(
        DELETE FROM search_passages WHERE NOT EXISTS
            (SELECT 1 FROM search_postings AS t WHERE t.passage_id = search_passages.id)
    )sql"}},
    // ---- end of 14 ----
    // ---- 15 (issue 17): indexes for a university's ten years (bench/scale) ----
    // familiarizations_unsigned_by_due: the overdue lists (unsigned, due
    //   before today) read the few unsigned rows instead of scanning
    //   millions of assignments; the scheduler's reminders use it too.
    // editions_by_status: the approver's queue, reviews due and the
    //   scheduler ask for the editions of one status (InnoDB keeps a large
    //   XML off the row, so the row itself is cheap to read here).
    // audit_by_type: the audit coverage check walks the entries of one
    //   object type in sequence, page after page, from where the last ended.
    Migration{
        15,
        {"CREATE INDEX IF NOT EXISTS familiarizations_unsigned_by_due"
         " ON familiarizations (signed_at, due_date)",
         "CREATE INDEX IF NOT EXISTS editions_by_status ON editions (status)",
         "CREATE INDEX IF NOT EXISTS audit_by_type ON audit_log (object_type, sequence_number)"}},
    // ---- end of 15 ----
    // ---- 16 (issue 17): the pages' queries at ten years' scale ----
    // (each table, column and index explained in SqliteMigrations.cpp)
    // edition_in_force: when each edition ever in force was in force, as a
    //   row of its own, rewritten with every lifecycle change and
    //   backfilled here by the statement SqlRegister.cpp runs;
    //   edition_in_force_by_document serves the register of one unit,
    //   edition_in_force_by_until the whole university's.
    // editions.is_latest and editions_latest_by_status: the latest
    //   edition's status (the register's filter, the dashboard's counts).
    // familiarizations_of_user: a user's assignments with their editions;
    //   it replaces familiarizations_by_user (it serves the foreign key too).
    // documents_by_unit: the register of one unit (a prefix of the name).
    // familiarizations_unsigned: the overdue lists' index with the edition
    //   and the person; it replaces familiarizations_unsigned_by_due.
    Migration{
        16,
        {R"sql(
        CREATE TABLE IF NOT EXISTS edition_in_force (
            edition_id BIGINT NOT NULL,
            document_id BIGINT NOT NULL,
            language VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            number INT NOT NULL,
            in_force_from VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            in_force_until VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
            PRIMARY KEY (edition_id),
            KEY edition_in_force_by_document (document_id, language, in_force_from,
                in_force_until),
            KEY edition_in_force_by_until (in_force_until, in_force_from, document_id, language,
                number),
            CONSTRAINT edition_in_force_edition FOREIGN KEY (edition_id) REFERENCES editions (id),
            CONSTRAINT edition_in_force_document FOREIGN KEY (document_id) REFERENCES documents (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    )sql",
         "DELETE FROM edition_in_force",
         R"sql(
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
            AND l.effective_date <> '') AS x
    )sql",
         "ALTER TABLE editions ADD COLUMN IF NOT EXISTS is_latest TINYINT NOT NULL DEFAULT 0",
         R"sql(
        UPDATE editions AS e JOIN (SELECT document_id, MAX(number) AS highest FROM editions
            GROUP BY document_id) AS m ON m.document_id = e.document_id
        SET e.is_latest = CASE WHEN e.number = m.highest THEN 1 ELSE 0 END
    )sql",
         "CREATE INDEX IF NOT EXISTS editions_latest_by_status"
         " ON editions (status, is_latest, document_id)",
         "CREATE INDEX IF NOT EXISTS familiarizations_of_user"
         " ON familiarizations (user_id, edition_id)",
         "ALTER TABLE familiarizations DROP INDEX IF EXISTS familiarizations_by_user",
         "CREATE INDEX IF NOT EXISTS documents_by_unit ON documents (unit(100))",
         "CREATE INDEX IF NOT EXISTS familiarizations_unsigned"
         " ON familiarizations (signed_at, due_date, edition_id, user_id)",
         "ALTER TABLE familiarizations DROP INDEX IF EXISTS familiarizations_unsigned_by_due"}},
    // ---- end of 16 ----
    // ---- 17 (issue 17): the overdue list of one unit ----
    // familiarizations_unsigned_of_user (explained in SqliteMigrations.cpp):
    //   a person's unsigned assignments by due date, with the edition.
    Migration{17,
              {"CREATE INDEX IF NOT EXISTS familiarizations_unsigned_of_user"
               " ON familiarizations (user_id, signed_at, due_date, edition_id)"}},
    // ---- end of 17 ----
    // ---- 18 (issue 17): reviews due from an index (explained in
    // SqliteMigrations.cpp) ----
    // editions_in_force.review_date, kept beside the edition in force, and
    //   editions_in_force_by_review: the reviews due as an index range on
    //   the review date instead of a probe of every edition in force's
    //   lifecycle row. Each step is idempotent (a migration cut short is
    //   completed by the next opener); the backfill is one statement.
    Migration{18,
              {"ALTER TABLE editions_in_force ADD COLUMN IF NOT EXISTS review_date"
               " VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT ''",
               "UPDATE editions_in_force AS i JOIN edition_lifecycle AS l"
               " ON l.edition_id = i.edition_id SET i.review_date = l.review_date",
               "CREATE INDEX IF NOT EXISTS editions_in_force_by_review"
               " ON editions_in_force (review_date, edition_id)"}},
    // ---- end of 18 ----
};

// The migration lock: a lease row in schema_migration_lock, taken with a
// compare-and-set UPDATE in autocommit mode (so it is held once the UPDATE,
// i.e. its COMMIT, returned one row). GET_LOCK would be node-local on Galera:
// two processes starting together on two nodes would both migrate. Across
// nodes the loser of a simultaneous take fails certification (1213) and
// tries again. The lease expires kLeaseSeconds after it was last renewed
// (renew() between steps), so a process that died while migrating does not
// block the others for ever; the next opener completes its idempotent steps.
class MigrationLock {
public:
    explicit MigrationLock(MysqlConnection& connection)
        : _connection(connection), _holder(holderName()) {
        _connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migration_lock ("
            " id INT NOT NULL PRIMARY KEY,"
            " holder VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
            " expires_at DATETIME(6) NOT NULL"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        retryConflicts([this] {
            _connection.execute(
                "INSERT IGNORE INTO schema_migration_lock (id, holder, expires_at)"
                " VALUES (1, '', '1970-01-01 00:00:00')");
            return true;
        });
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kWaitSeconds);
        while (!(_held = retryConflicts([this] { return takeOrRenew(); }))) {
            if (std::chrono::steady_clock::now() > deadline) return;
            std::this_thread::sleep_for(kPollInterval);
        }
    }
    ~MigrationLock() {
        if (!_held) return;
        try {
            auto& statement = _connection.prepare(
                "UPDATE schema_migration_lock SET holder = '' WHERE id = 1 AND holder = ?");
            statement.setString(1, _holder);
            statement.executeUpdate();
        } catch (...) {
            // The lease expires by itself.
            _connection.markBroken();
        }
    }
    MigrationLock(const MigrationLock&) = delete;
    MigrationLock& operator=(const MigrationLock&) = delete;
    bool held() const { return _held; }
    // Extends the lease; throws sql::SQLException, or std::runtime_error when
    // another process took it over meanwhile (this one overran the lease).
    void renew() {
        if (!retryConflicts([this] { return takeOrRenew(); }))
            throw std::runtime_error("the migration lock expired and was taken over");
    }

    static constexpr int kWaitSeconds = kLeaseSeconds + 30;

private:
    bool takeOrRenew() {
        auto& statement = _connection.prepare(
            "UPDATE schema_migration_lock SET holder = ?,"
            " expires_at = NOW(6) + INTERVAL ? SECOND"
            " WHERE id = 1 AND (holder = '' OR holder = ? OR expires_at < NOW(6))");
        statement.setString(1, _holder);
        statement.setInt(2, kLeaseSeconds);
        statement.setString(3, _holder);
        return statement.executeUpdate() == 1;
    }

    // Runs step again while it fails with a deadlock or a certification
    // conflict (bounded).
    template <typename Step>
    static bool retryConflicts(Step step) {
        for (int attempt = 1;; ++attempt) {
            try {
                return step();
            } catch (const sql::SQLException& exception) {
                if (!isTransient(exception.getErrorCode()) || attempt >= kConflictAttempts) throw;
                std::this_thread::sleep_for(kPollInterval / 4 * attempt);
            }
        }
    }

    static std::string holderName() {
        std::random_device random;
        char name[64];
        std::snprintf(name, sizeof name, "migrate-%ld-%08x%08x", static_cast<long>(::getpid()),
                      random(), random());
        return name;
    }

    static constexpr std::chrono::milliseconds kPollInterval{200};
    static constexpr int kConflictAttempts = 10;

    MysqlConnection& _connection;
    std::string _holder;
    bool _held = false;
};

// The highest applied migration (0 before any).
int appliedVersion(MysqlConnection& connection) {
    std::unique_ptr<sql::ResultSet> rows(
        connection.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            .executeQuery());
    rows->next();
    return rows->getInt(1);
}

}  // namespace

Status migrateMysql(MysqlConnection& connection, const std::string& database) {
    MigrationLock lock(connection);
    if (!lock.held())
        return fail(ErrorCode::Unavailable, "another process holds the migration lock of " +
                                                database + " for over " +
                                                std::to_string(MigrationLock::kWaitSeconds) + " s");
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INT NOT NULL PRIMARY KEY, applied_at DATETIME NOT NULL"
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    int applied = appliedVersion(connection);
    int latest = kMigrations.back().version;
    if (applied > latest)
        return fail(ErrorCode::Internal,
                    "the database schema is at version " + std::to_string(applied) +
                        ", newer than this program's " + std::to_string(latest));
    for (const Migration& migration : kMigrations) {
        if (migration.version <= applied) continue;
        for (const char* step : migration.steps) {
            lock.renew();
            connection.execute(step);
        }
        auto& record =
            connection.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)");
        record.setInt(1, migration.version);
        record.setDateTime(2, toMysqlDateTime(utcNow()));
        record.executeUpdate();
    }
    return {};
}

}  // namespace nusqa::storage
