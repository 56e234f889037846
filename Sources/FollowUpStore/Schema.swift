import FollowUpCore
import GRDB

/// The file's tables, created and upgraded by ordered migrations.
enum Schema {
  static var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    m.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
          INSERT INTO meta (key, value) VALUES ('revision', '0');
          CREATE TABLE agency (
            code TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '',
            bloc TEXT NOT NULL,
            sort_order INTEGER NOT NULL,
            rollup_to TEXT,
            valid_from TEXT,
            valid_to TEXT,
            successor TEXT
          );
          CREATE TABLE person (
            ref TEXT PRIMARY KEY NOT NULL,
            family TEXT NOT NULL, middle TEXT NOT NULL, given TEXT NOT NULL,
            title TEXT NOT NULL, position TEXT NOT NULL, agency TEXT
          );
          CREATE TABLE meeting (
            ref TEXT PRIMARY KEY NOT NULL,
            date TEXT NOT NULL, title TEXT NOT NULL, chair TEXT NOT NULL,
            host TEXT, counterpart TEXT, notice TEXT NOT NULL, source TEXT NOT NULL
          );
          CREATE TABLE task (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            ref TEXT UNIQUE,
            meeting TEXT,
            item TEXT NOT NULL,
            content TEXT NOT NULL,
            lead TEXT NOT NULL,
            coordinating TEXT NOT NULL,
            owner TEXT,
            tracker TEXT,
            deadline_text TEXT NOT NULL,
            deadline_kind TEXT NOT NULL,
            deadline_date TEXT,
            product TEXT NOT NULL,
            priority INTEGER NOT NULL,
            tags TEXT NOT NULL,
            status TEXT NOT NULL,
            completed_on TEXT,
            result TEXT NOT NULL,
            assigned_on TEXT,
            version INTEGER NOT NULL,
            changed_rev INTEGER NOT NULL,
            search TEXT NOT NULL
          );
          CREATE INDEX task_lead ON task(lead);
          CREATE INDEX task_deadline ON task(deadline_date);
          CREATE INDEX task_status ON task(status);
          CREATE INDEX task_changed ON task(changed_rev);
          CREATE TABLE extension (
            task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            requested_on TEXT,
            from_text TEXT, from_kind TEXT, from_date TEXT,
            to_text TEXT NOT NULL, to_kind TEXT NOT NULL, to_date TEXT,
            reason TEXT NOT NULL,
            decision TEXT NOT NULL,
            decided_on TEXT,
            document TEXT NOT NULL,
            PRIMARY KEY (task_id, seq)
          );
          CREATE TABLE note (
            task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            on_day TEXT NOT NULL,
            text TEXT NOT NULL,
            by TEXT NOT NULL,
            PRIMARY KEY (task_id, seq)
          );
          CREATE TABLE action (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            rev INTEGER NOT NULL,
            at TEXT NOT NULL,
            by TEXT NOT NULL,
            kind TEXT NOT NULL,
            summary TEXT NOT NULL,
            target INTEGER,
            undone INTEGER NOT NULL DEFAULT 0
          );
          CREATE INDEX action_by ON action(by, id);
          CREATE INDEX action_rev ON action(rev);
          CREATE TABLE action_task (
            action_id INTEGER NOT NULL REFERENCES action(id),
            task_id INTEGER NOT NULL,
            before TEXT,
            after TEXT,
            before_version INTEGER,
            after_version INTEGER
          );
          CREATE INDEX action_task_task ON action_task(task_id, action_id);
          CREATE INDEX action_task_action ON action_task(action_id);
          CREATE TABLE change (
            action_id INTEGER NOT NULL REFERENCES action(id),
            task_id INTEGER NOT NULL,
            field TEXT NOT NULL,
            old TEXT NOT NULL,
            new TEXT NOT NULL
          );
          CREATE INDEX change_task ON change(task_id, action_id);
          CREATE INDEX change_action ON change(action_id);
          """)
    }
    m.registerMigration("v2") { db in
      // A covering index for judging every task: counts and status filters over 100,000
      // tasks read this index (a few MB) instead of the wide rows (content, search text).
      // It starts with the lead agency, so it also serves `agency:` lookups.
      try db.execute(
        sql: """
          CREATE INDEX task_judge ON task(lead, status, deadline_kind, deadline_date, completed_on, assigned_on, meeting);
          DROP INDEX task_lead;
          """)
    }
    m.registerMigration("v3") { db in
      // The search column now holds only a task's own text (agency names are matched through
      // the agencies): rebuild it, which also shrinks the file and the interface's index.
      let catalog = try Rows.catalog(db, meetings: false)
      let tokenizer = SearchText.Tokenizer(catalog: catalog)
      let update = try db.makeStatement(sql: "UPDATE task SET search = ? WHERE id = ?")
      for t in try Rows.tasks(db, where: "1", arguments: [], projection: .listing, events: false) {
        try update.execute(arguments: [Rows.searchColumn(t, catalog, tokenizer: tokenizer), t.id])
      }
    }
    m.registerMigration("v4") { db in
      // Chinese and Japanese text is now tokenised character by character. Only rows whose
      // search text is not plain ASCII (folded Vietnamese is) can hold such text.
      let catalog = try Rows.catalog(db, meetings: false)
      let tokenizer = SearchText.Tokenizer(catalog: catalog)
      let update = try db.makeStatement(sql: "UPDATE task SET search = ? WHERE id = ?")
      let rows = try Rows.tasks(
        db, where: "length(search) != length(CAST(search AS BLOB))", arguments: [], projection: .listing, events: false)
      for t in rows {
        try update.execute(arguments: [Rows.searchColumn(t, catalog, tokenizer: tokenizer), t.id])
      }
    }
    m.registerMigration("v5") { db in
      // Dated events: withdrawal and merge details, the day a completion was reported, the
      // deadline a partial approval grants, reassignments and reminders. Older rows keep
      // NULL days, which the as-of rules read as "since always".
      try db.execute(
        sql: """
          ALTER TABLE task ADD COLUMN withdrawn_on TEXT;
          ALTER TABLE task ADD COLUMN withdraw_reason TEXT NOT NULL DEFAULT '';
          ALTER TABLE task ADD COLUMN withdraw_document TEXT NOT NULL DEFAULT '';
          ALTER TABLE task ADD COLUMN merged_into INTEGER;
          ALTER TABLE task ADD COLUMN reported_on TEXT;
          ALTER TABLE extension ADD COLUMN granted_text TEXT;
          ALTER TABLE extension ADD COLUMN granted_kind TEXT;
          ALTER TABLE extension ADD COLUMN granted_date TEXT;
          CREATE TABLE reassignment (
            task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            from_lead TEXT NOT NULL,
            to_lead TEXT NOT NULL,
            on_day TEXT NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (task_id, seq)
          );
          CREATE TABLE reminder (
            task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            on_day TEXT NOT NULL,
            document TEXT NOT NULL,
            channel TEXT NOT NULL,
            note TEXT NOT NULL,
            PRIMARY KEY (task_id, seq)
          );
          CREATE INDEX task_merged ON task(merged_into) WHERE merged_into IS NOT NULL;
          """)
    }
    m.registerMigration("v6") { db in
      // Search through an index: FTS5 over the stored folded text (already lowercase, without
      // tones, đ as d, tokens separated by spaces), so a search reads the few rows holding
      // its words instead of every row. `unicode61` without diacritic removal leaves folded
      // tokens as they are; the index only narrows, and the stored text decides (see
      // `SQLFilter`). The triggers keep it in step with every write, by any process.
      try db.execute(sql: "CREATE VIRTUAL TABLE task_search USING fts5(search, content='task', content_rowid='id', tokenize='\(SearchIndexSQL.tokenizer)')")
      try db.execute(sql: "INSERT INTO task_search(task_search) VALUES ('rebuild')")
      try SearchIndexSQL.createTriggers(db)
      // Indexes for the orders and filters the list and the reports use.
      try db.execute(sql: SearchIndexSQL.orderIndexes)
    }
    m.registerMigration("v7") { db in
      // Reads of the present through indexes: each task judged as it stands now, kept by
      // SQLite itself (see `Current`).
      try Current.migrate(db)
    }
    return m
  }

  static func revision(_ db: Database) throws -> Int {
    Int(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'revision'") ?? "0") ?? 0
  }

  /// Advances the revision inside the current transaction and returns the new value.
  static func bumpRevision(_ db: Database) throws -> Int {
    let next = try revision(db) + 1
    try db.execute(
      sql: "UPDATE meta SET value = ? WHERE key = 'revision'", arguments: [String(next)])
    return next
  }
}

/// The full-text index of the search column and what keeps it current.
enum SearchIndexSQL {
  /// Folded text needs no further folding; `remove_diacritics 0` keeps any non-Vietnamese
  /// letters the folding leaves exactly as the query's tokens will be.
  static let tokenizer = "unicode61 remove_diacritics 0"

  /// The FTS5 query for a phrase of folded words (the last one a prefix when it is being
  /// typed), or nil when a word holds anything but ASCII letters and digits: the tokenizer
  /// might then split it differently, and the search falls back to reading every row.
  static func match(_ words: [String], prefix: Bool) -> String? {
    guard !words.isEmpty, words.allSatisfy({ w in
      !w.isEmpty && w.utf8.allSatisfy { ($0 &- 0x30) < 10 || ($0 &- 0x61) < 26 || ($0 &- 0x41) < 26 }
    }) else { return nil }
    return "\"" + words.joined(separator: " ") + "\"" + (prefix ? " *" : "")
  }

  static let triggers = ["task_search_insert", "task_search_delete", "task_search_update"]

  static func createTriggers(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TRIGGER task_search_insert AFTER INSERT ON task BEGIN
          INSERT INTO task_search(rowid, search) VALUES (new.id, new.search);
        END;
        CREATE TRIGGER task_search_delete AFTER DELETE ON task BEGIN
          INSERT INTO task_search(task_search, rowid, search) VALUES ('delete', old.id, old.search);
        END;
        CREATE TRIGGER task_search_update AFTER UPDATE OF search ON task BEGIN
          INSERT INTO task_search(task_search, rowid, search) VALUES ('delete', old.id, old.search);
          INSERT INTO task_search(rowid, search) VALUES (new.id, new.search);
        END;
        """)
  }

  static func dropTriggers(_ db: Database) throws {
    for t in triggers { try db.execute(sql: "DROP TRIGGER IF EXISTS \(t)") }
  }

  /// The indexes v6 adds.
  static let orderIndexes = """
    CREATE INDEX task_owner ON task(owner);
    CREATE INDEX task_tracker ON task(tracker);
    CREATE INDEX task_meeting ON task(meeting);
    """
}
