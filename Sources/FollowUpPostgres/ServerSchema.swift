import FollowUpCore

/// The server's tables, functions, triggers, grants and policies, created and upgraded by
/// ordered migrations recorded in `followup.schema_version`.
///
/// Everything lives in the schema `followup`, so the database can hold other things too. The
/// login that runs `followup server init` owns the schema: it is the only login that can
/// change history rows, and the functions that write history run with its rights.
public enum ServerSchema {
  /// The migrations, in order; the schema's version is the number applied.
  static let migrations: [String] = [v1, v2, v3, v4]

  /// The agency rules as declared now, replacing whatever version of them the database had:
  /// run after every migration, so a rule's SQL lives in one place.
  static var rulesSQL: String { PermissionRule.allCases.map(\.replaceSQL).joined(separator: "\n") }

  /// The version this program writes.
  public static var currentVersion: Int { migrations.count }

  /// The group roles, created once per cluster. Roles belong to the cluster while the
  /// advisory lock of `initialize` is per database: an init of another database may create
  /// the same role at the same moment, which is fine.
  static let createRoles = ServerRole.allCases.map { r in
    """
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(r.groupRole)') THEN
        CREATE ROLE \(r.groupRole) NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$;
    """
  }.joined(separator: "\n")

  /// Tables every role writes nothing to by grant: history, the revision, the logins.
  static let historyTables = ["action", "action_task", "change", "revision", "schema_version", "login"]

  static let v1 = """
    CREATE TABLE followup.revision (id int PRIMARY KEY CHECK (id = 1), value bigint NOT NULL);
    INSERT INTO followup.revision VALUES (1, 0);

    -- Which person and agency each database login is; history names the login.
    CREATE TABLE followup.login (
      name text PRIMARY KEY,
      role text NOT NULL CHECK (role IN ('office', 'agency', 'viewer')),
      agency text,
      person text,
      CHECK (role <> 'agency' OR agency IS NOT NULL)
    );

    CREATE TABLE followup.agency (
      code text PRIMARY KEY,
      name text NOT NULL,
      aliases text[] NOT NULL DEFAULT '{}',
      bloc text NOT NULL,
      sort_order int NOT NULL,
      rollup_to text,
      valid_from date,
      valid_to date,
      successor text
    );
    CREATE TABLE followup.person (
      ref text PRIMARY KEY,
      family text NOT NULL, middle text NOT NULL, given text NOT NULL,
      title text NOT NULL, position text NOT NULL, agency text
    );
    CREATE TABLE followup.meeting (
      ref text PRIMARY KEY,
      date date NOT NULL, title text NOT NULL, chair text NOT NULL,
      host text, counterpart text, notice text NOT NULL, source text NOT NULL
    );
    CREATE SEQUENCE followup.task_id_seq;
    CREATE TABLE followup.task (
      id bigint PRIMARY KEY DEFAULT nextval('followup.task_id_seq'),
      ref text UNIQUE,
      meeting text,
      item text NOT NULL DEFAULT '',
      content text NOT NULL,
      lead text NOT NULL,
      coordinating text[] NOT NULL DEFAULT '{}',
      owner text,
      tracker text,
      deadline_text text NOT NULL DEFAULT '',
      deadline_kind text NOT NULL DEFAULT 'none',
      deadline_date date,
      product text NOT NULL DEFAULT '',
      priority boolean NOT NULL DEFAULT false,
      tags text[] NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'reported', 'done', 'withdrawn')),
      completed_on date,
      result text NOT NULL DEFAULT '',
      assigned_on date,
      version int NOT NULL DEFAULT 1,
      changed_rev bigint NOT NULL DEFAULT 0,
      search text NOT NULL DEFAULT ''
    );
    ALTER SEQUENCE followup.task_id_seq OWNED BY followup.task.id;
    CREATE INDEX task_judge ON followup.task (lead, status, deadline_kind, deadline_date, completed_on, assigned_on, meeting);
    CREATE INDEX task_deadline ON followup.task (deadline_date);
    CREATE INDEX task_status ON followup.task (status);
    CREATE INDEX task_changed ON followup.task (changed_rev);
    CREATE TABLE followup.extension (
      task_id bigint NOT NULL REFERENCES followup.task (id) ON DELETE CASCADE,
      seq int NOT NULL,
      requested_on date,
      from_text text, from_kind text, from_date date,
      to_text text NOT NULL, to_kind text NOT NULL, to_date date,
      reason text NOT NULL DEFAULT '',
      decision text NOT NULL CHECK (decision IN ('pending', 'approved', 'rejected')),
      decided_on date,
      document text NOT NULL DEFAULT '',
      PRIMARY KEY (task_id, seq)
    );
    CREATE TABLE followup.note (
      task_id bigint NOT NULL REFERENCES followup.task (id) ON DELETE CASCADE,
      seq int NOT NULL,
      on_day date NOT NULL,
      text text NOT NULL,
      by text NOT NULL DEFAULT '',
      PRIMARY KEY (task_id, seq)
    );

    -- History: one action per transaction that changes tasks, written by the triggers below.
    CREATE TABLE followup.action (
      id bigserial PRIMARY KEY,
      rev bigint NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      by text NOT NULL,
      person text,
      kind text NOT NULL,
      summary text NOT NULL,
      target bigint,
      undone boolean NOT NULL DEFAULT false
    );
    CREATE INDEX action_by ON followup.action (by, id);
    CREATE INDEX action_rev ON followup.action (rev);
    CREATE TABLE followup.action_task (
      action_id bigint NOT NULL REFERENCES followup.action (id),
      task_id bigint NOT NULL,
      before jsonb,
      after jsonb,
      before_version int,
      after_version int,
      PRIMARY KEY (action_id, task_id)
    );
    CREATE INDEX action_task_task ON followup.action_task (task_id, action_id);
    CREATE TABLE followup.change (
      action_id bigint NOT NULL REFERENCES followup.action (id),
      task_id bigint NOT NULL,
      field text NOT NULL,
      old text NOT NULL,
      new text NOT NULL
    );
    CREATE INDEX change_task ON followup.change (task_id, action_id);

    -- The agency of the login running a statement (NULL for logins without one). Not a
    -- SECURITY DEFINER function: inside one, current_user would be the schema's owner.
    CREATE FUNCTION followup.login_agency() RETURNS text
      LANGUAGE sql STABLE SET search_path = followup, pg_temp
      AS $$ SELECT agency FROM followup.login WHERE name = current_user::text $$;

    -- A task with its notes and extensions, as history keeps it.
    CREATE FUNCTION followup.snapshot(task bigint) RETURNS jsonb
      LANGUAGE sql STABLE SET search_path = followup, pg_temp AS $$
      SELECT to_jsonb(t) - 'changed_rev' - 'search'
        || jsonb_build_object(
          'notes', coalesce((SELECT jsonb_agg(to_jsonb(n) - 'task_id' ORDER BY n.seq) FROM note n WHERE n.task_id = t.id), '[]'),
          'extensions', coalesce((SELECT jsonb_agg(to_jsonb(e) - 'task_id' ORDER BY e.seq) FROM extension e WHERE e.task_id = t.id), '[]'))
      FROM task t WHERE t.id = $1
    $$;

    -- The action of the current transaction, made on first use: the revision advances once,
    -- the login is the authenticated one, the time the server's. The kind and summary are the
    -- client's description (followup sets them; psql gets 'sql'). The transaction id is kept
    -- beside the action id so a session cannot attach its changes to another's action.
    CREATE FUNCTION followup.current_action() RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = followup, pg_temp AS $$
    DECLARE
      mark text := coalesce(current_setting('followup.action', true), '');
      xact text := pg_current_xact_id()::text;
      a bigint;
      r bigint;
    BEGIN
      IF split_part(mark, '/', 1) = xact THEN
        RETURN split_part(mark, '/', 2)::bigint;
      END IF;
      UPDATE revision SET value = value + 1 WHERE id = 1 RETURNING value INTO r;
      INSERT INTO action (rev, by, person, kind, summary, target)
      VALUES (r, session_user::text, (SELECT person FROM login WHERE name = session_user::text),
        coalesce(nullif(current_setting('followup.kind', true), ''), 'sql'),
        coalesce(nullif(current_setting('followup.summary', true), ''), 'sql'),
        nullif(current_setting('followup.target', true), '')::bigint)
      RETURNING id INTO a;
      PERFORM set_config('followup.action', xact || '/' || a, true);
      PERFORM pg_notify('followup', r::text);
      RETURN a;
    END $$;

    -- Before a task changes: its state before the action is kept (once per action), its
    -- version advances once per action, and it is stamped with the action's revision.
    CREATE FUNCTION followup.task_touch() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = followup, pg_temp AS $$
    DECLARE
      a bigint := current_action();
      tid bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
      n int;
    BEGIN
      INSERT INTO action_task (action_id, task_id, before, before_version)
      VALUES (a, tid, CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE snapshot(OLD.id) END,
        CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.version END)
      ON CONFLICT (action_id, task_id) DO NOTHING;
      GET DIAGNOSTICS n = ROW_COUNT;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      NEW.changed_rev := (SELECT rev FROM action WHERE id = a);
      IF TG_OP = 'UPDATE' THEN
        NEW.version := OLD.version + CASE WHEN n > 0 THEN 1 ELSE 0 END;
      END IF;
      RETURN NEW;
    END $$;

    -- Before a note or extension changes: the task is touched first, so its snapshot is taken
    -- before the change and its version advances. A note's author is the login, except when
    -- the office writes (an import carries the original authors).
    CREATE FUNCTION followup.child_touch() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = followup, pg_temp AS $$
    DECLARE
      tid bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.task_id ELSE NEW.task_id END;
    BEGIN
      UPDATE task SET changed_rev = changed_rev WHERE id = tid;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      -- Nested: PL/pgSQL resolves NEW."by" only when the inner test runs, on a note.
      IF TG_TABLE_NAME = 'note' AND NOT pg_has_role(session_user, 'followup_office', 'MEMBER')
        AND session_user <> (SELECT nspowner::regrole::name FROM pg_namespace WHERE nspname = 'followup') THEN
        IF TG_OP = 'INSERT' OR NEW."by" IS DISTINCT FROM OLD."by" THEN
          NEW."by" := session_user::text;
        END IF;
      END IF;
      RETURN NEW;
    END $$;

    -- At commit: the task's state after the action, and the columns that changed (the raw
    -- record psql users read; followup words its history from the two snapshots).
    CREATE FUNCTION followup.settle() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = followup, pg_temp AS $$
    DECLARE
      a bigint := split_part(current_setting('followup.action', true), '/', 2)::bigint;
      row jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
      -- A task row has an id; a note or extension row names its task.
      tid bigint := coalesce(row ->> 'task_id', row ->> 'id')::bigint;
      b jsonb;
      s jsonb := snapshot(tid);
    BEGIN
      UPDATE action_task SET after = s, after_version = (s ->> 'version')::int
        WHERE action_id = a AND task_id = tid RETURNING before INTO b;
      DELETE FROM change WHERE action_id = a AND task_id = tid;
      INSERT INTO change (action_id, task_id, field, old, new)
        SELECT a, tid, k, coalesce(b ->> k, ''), coalesce(s ->> k, '')
        FROM (SELECT jsonb_object_keys(coalesce(b, '{}') || coalesce(s, '{}')) AS k) keys
        WHERE k <> 'version' AND (b -> k) IS DISTINCT FROM (s -> k)
          -- A task added or deleted is told whole by its snapshot.
          AND b IS NOT NULL AND s IS NOT NULL;
      RETURN NULL;
    END $$;

    CREATE TRIGGER task_touch BEFORE INSERT OR UPDATE OR DELETE ON followup.task
      FOR EACH ROW EXECUTE FUNCTION followup.task_touch();
    CREATE TRIGGER note_touch BEFORE INSERT OR UPDATE OR DELETE ON followup.note
      FOR EACH ROW EXECUTE FUNCTION followup.child_touch();
    CREATE TRIGGER extension_touch BEFORE INSERT OR UPDATE OR DELETE ON followup.extension
      FOR EACH ROW EXECUTE FUNCTION followup.child_touch();
    CREATE CONSTRAINT TRIGGER task_settle AFTER INSERT OR UPDATE OR DELETE ON followup.task
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION followup.settle();
    CREATE CONSTRAINT TRIGGER note_settle AFTER INSERT OR UPDATE OR DELETE ON followup.note
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION followup.settle();
    CREATE CONSTRAINT TRIGGER extension_settle AFTER INSERT OR UPDATE OR DELETE ON followup.extension
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION followup.settle();

    -- Directory changes advance the revision too, so other screens reload it.
    CREATE FUNCTION followup.directory_touch() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = followup, pg_temp AS $$
    BEGIN
      PERFORM current_action();
      RETURN NULL;
    END $$;
    CREATE TRIGGER agency_touch AFTER INSERT OR UPDATE OR DELETE ON followup.agency
      FOR EACH STATEMENT EXECUTE FUNCTION followup.directory_touch();
    CREATE TRIGGER person_touch AFTER INSERT OR UPDATE OR DELETE ON followup.person
      FOR EACH STATEMENT EXECUTE FUNCTION followup.directory_touch();
    CREATE TRIGGER meeting_touch AFTER INSERT OR UPDATE OR DELETE ON followup.meeting
      FOR EACH STATEMENT EXECUTE FUNCTION followup.directory_touch();

    -- Undo and redo flag an action of the login's own; nobody writes the action table.
    CREATE FUNCTION followup.mark_undone(which bigint, flag boolean) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = followup, pg_temp AS $$
    BEGIN
      UPDATE action SET undone = flag WHERE id = which AND by = session_user::text;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'action % is not yours to undo', which USING ERRCODE = '42501';
      END IF;
    END $$;

    -- The search text is derived from a task's words, notes included, by the client (the
    -- folding rules live in the program). A login that may add a note to a task may refresh
    -- it; a refresh changes no record, so row-level security on task is not asked.
    CREATE FUNCTION followup.set_search(which bigint, words text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = followup, pg_temp AS $$
    BEGIN
      IF NOT (pg_has_role(session_user, 'followup_office', 'MEMBER')
        OR session_user = (SELECT nspowner::regrole::name FROM pg_namespace WHERE nspname = 'followup')
        OR EXISTS (SELECT 1 FROM task t JOIN login l ON l.name = session_user::text
          WHERE t.id = which AND l.role = 'agency' AND (t.lead = l.agency OR l.agency = ANY (t.coordinating)))) THEN
        RAISE EXCEPTION 'permission denied for table task' USING ERRCODE = '42501';
      END IF;
      UPDATE task SET search = words WHERE id = which;
    END $$;

    REVOKE ALL ON ALL FUNCTIONS IN SCHEMA followup FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION followup.set_search(bigint, text) TO followup_office, followup_agency;
    GRANT EXECUTE ON FUNCTION followup.mark_undone(bigint, boolean) TO followup_office, followup_agency;
    GRANT EXECUTE ON FUNCTION followup.login_agency() TO followup_office, followup_agency, followup_viewer;
    GRANT EXECUTE ON FUNCTION followup.snapshot(bigint) TO followup_office, followup_agency, followup_viewer;

    -- Grants: every role reads everything; the office writes the domain tables; an agency
    -- writes only the status columns of tasks and adds notes and extension requests. Nobody
    -- but the owner writes history, the revision or the logins.
    GRANT USAGE ON SCHEMA followup TO followup_office, followup_agency, followup_viewer;
    GRANT SELECT ON ALL TABLES IN SCHEMA followup TO followup_office, followup_agency, followup_viewer;
    GRANT INSERT, UPDATE, DELETE ON followup.agency, followup.person, followup.meeting, followup.task,
      followup.extension, followup.note TO followup_office;
    GRANT USAGE, SELECT, UPDATE ON SEQUENCE followup.task_id_seq TO followup_office;
    GRANT UPDATE (status, completed_on, result) ON followup.task TO followup_agency;
    GRANT INSERT ON followup.note, followup.extension TO followup_agency;

    -- Row-level security: permissive policies open each table to its readers and writers;
    -- the restrictive ones (PermissionRule) narrow what an agency may write and are put in
    -- place after the migrations, as declared now (`rulesSQL`).
    ALTER TABLE followup.task ENABLE ROW LEVEL SECURITY;
    ALTER TABLE followup.note ENABLE ROW LEVEL SECURITY;
    ALTER TABLE followup.extension ENABLE ROW LEVEL SECURITY;
    CREATE POLICY read_all ON followup.task FOR SELECT USING (true);
    CREATE POLICY read_all ON followup.note FOR SELECT USING (true);
    CREATE POLICY read_all ON followup.extension FOR SELECT USING (true);
    CREATE POLICY office_all ON followup.task FOR ALL TO followup_office USING (true) WITH CHECK (true);
    CREATE POLICY office_all ON followup.note FOR ALL TO followup_office USING (true) WITH CHECK (true);
    CREATE POLICY office_all ON followup.extension FOR ALL TO followup_office USING (true) WITH CHECK (true);
    CREATE POLICY agency_write ON followup.task FOR UPDATE TO followup_agency USING (true) WITH CHECK (true);
    CREATE POLICY agency_write ON followup.note FOR INSERT TO followup_agency WITH CHECK (true);
    CREATE POLICY agency_write ON followup.extension FOR INSERT TO followup_agency WITH CHECK (true);
    """

  /// Dated events: withdrawal and merge details, the day a completion was reported, the
  /// deadline a partial approval grants, reassignments and reminders (the file's v5).
  static let v2 = """
    ALTER TABLE followup.task ADD COLUMN withdrawn_on date, ADD COLUMN withdraw_reason text NOT NULL DEFAULT '',
      ADD COLUMN withdraw_document text NOT NULL DEFAULT '', ADD COLUMN merged_into bigint, ADD COLUMN reported_on date;
    CREATE INDEX task_merged ON followup.task (merged_into) WHERE merged_into IS NOT NULL;
    ALTER TABLE followup.extension ADD COLUMN granted_text text, ADD COLUMN granted_kind text, ADD COLUMN granted_date date;
    ALTER TABLE followup.extension DROP CONSTRAINT extension_decision_check;
    ALTER TABLE followup.extension ADD CONSTRAINT extension_decision_check
      CHECK (decision IN ('pending', 'approved', 'partial', 'rejected'));
    CREATE TABLE followup.reassignment (
      task_id bigint NOT NULL REFERENCES followup.task (id) ON DELETE CASCADE,
      seq int NOT NULL,
      from_lead text NOT NULL,
      to_lead text NOT NULL,
      on_day date NOT NULL,
      document text NOT NULL DEFAULT '',
      PRIMARY KEY (task_id, seq)
    );
    CREATE TABLE followup.reminder (
      task_id bigint NOT NULL REFERENCES followup.task (id) ON DELETE CASCADE,
      seq int NOT NULL,
      on_day date NOT NULL,
      document text NOT NULL DEFAULT '',
      channel text NOT NULL,
      note text NOT NULL DEFAULT '',
      PRIMARY KEY (task_id, seq)
    );
    CREATE OR REPLACE FUNCTION followup.snapshot(task bigint) RETURNS jsonb
      LANGUAGE sql STABLE SET search_path = followup, pg_temp AS $$
      SELECT to_jsonb(t) - 'changed_rev' - 'search'
        || jsonb_build_object(
          'notes', coalesce((SELECT jsonb_agg(to_jsonb(n) - 'task_id' ORDER BY n.seq) FROM note n WHERE n.task_id = t.id), '[]'),
          'extensions', coalesce((SELECT jsonb_agg(to_jsonb(e) - 'task_id' ORDER BY e.seq) FROM extension e WHERE e.task_id = t.id), '[]'),
          'reassignments', coalesce((SELECT jsonb_agg(to_jsonb(r) - 'task_id' ORDER BY r.seq) FROM reassignment r WHERE r.task_id = t.id), '[]'),
          'reminders', coalesce((SELECT jsonb_agg(to_jsonb(m) - 'task_id' ORDER BY m.seq) FROM reminder m WHERE m.task_id = t.id), '[]'))
      FROM task t WHERE t.id = $1
    $$;
    CREATE TRIGGER reassignment_touch BEFORE INSERT OR UPDATE OR DELETE ON followup.reassignment
      FOR EACH ROW EXECUTE FUNCTION followup.child_touch();
    CREATE TRIGGER reminder_touch BEFORE INSERT OR UPDATE OR DELETE ON followup.reminder
      FOR EACH ROW EXECUTE FUNCTION followup.child_touch();
    CREATE CONSTRAINT TRIGGER reassignment_settle AFTER INSERT OR UPDATE OR DELETE ON followup.reassignment
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION followup.settle();
    CREATE CONSTRAINT TRIGGER reminder_settle AFTER INSERT OR UPDATE OR DELETE ON followup.reminder
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION followup.settle();
    GRANT SELECT ON followup.reassignment, followup.reminder TO followup_office, followup_agency, followup_viewer;
    GRANT INSERT, UPDATE, DELETE ON followup.reassignment, followup.reminder TO followup_office;
    -- Reporting completion records the day it was reported.
    GRANT UPDATE (reported_on) ON followup.task TO followup_agency;
    ALTER TABLE followup.reassignment ENABLE ROW LEVEL SECURITY;
    ALTER TABLE followup.reminder ENABLE ROW LEVEL SECURITY;
    CREATE POLICY read_all ON followup.reassignment FOR SELECT USING (true);
    CREATE POLICY read_all ON followup.reminder FOR SELECT USING (true);
    CREATE POLICY office_all ON followup.reassignment FOR ALL TO followup_office USING (true) WITH CHECK (true);
    CREATE POLICY office_all ON followup.reminder FOR ALL TO followup_office USING (true) WITH CHECK (true);
    """

  /// An agency may undo its own progress note: the delete is granted here, and narrowed by
  /// the rule `agency_undoes_own_notes` (Rules.swift) to its own note, in an undo of its own.
  static let v3 = """
    GRANT DELETE ON followup.note TO followup_agency;
    CREATE POLICY agency_undo ON followup.note FOR DELETE TO followup_agency USING (true);
    """

  /// History written once per task and action: the state before is taken only on the first
  /// change of a task in an action, and the state after only by the first of its deferred
  /// triggers (they all run at commit, when every change is made). An import of 100,000 tasks
  /// with their notes took each snapshot once per note before.
  static let v4 = """
    CREATE OR REPLACE FUNCTION followup.task_touch() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = followup, pg_temp AS $$
    DECLARE
      a bigint := current_action();
      tid bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
      first boolean := NOT EXISTS (SELECT 1 FROM action_task WHERE action_id = a AND task_id = tid);
    BEGIN
      IF first THEN
        INSERT INTO action_task (action_id, task_id, before, before_version)
        VALUES (a, tid, CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE snapshot(OLD.id) END,
          CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.version END);
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      NEW.changed_rev := (SELECT rev FROM action WHERE id = a);
      IF TG_OP = 'UPDATE' THEN
        NEW.version := OLD.version + CASE WHEN first THEN 1 ELSE 0 END;
      END IF;
      RETURN NEW;
    END $$;

    CREATE OR REPLACE FUNCTION followup.settle() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = followup, pg_temp AS $$
    DECLARE
      a bigint := split_part(current_setting('followup.action', true), '/', 2)::bigint;
      row jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
      -- A task row has an id; a note or extension row names its task.
      tid bigint := coalesce(row ->> 'task_id', row ->> 'id')::bigint;
      b jsonb;
      s jsonb;
    BEGIN
      -- Settled already by an earlier trigger of this commit: the state is the same.
      IF EXISTS (SELECT 1 FROM action_task WHERE action_id = a AND task_id = tid AND after IS NOT NULL) THEN
        RETURN NULL;
      END IF;
      s := snapshot(tid);
      UPDATE action_task SET after = s, after_version = (s ->> 'version')::int
        WHERE action_id = a AND task_id = tid RETURNING before INTO b;
      DELETE FROM change WHERE action_id = a AND task_id = tid;
      INSERT INTO change (action_id, task_id, field, old, new)
        SELECT a, tid, k, coalesce(b ->> k, ''), coalesce(s ->> k, '')
        FROM (SELECT jsonb_object_keys(coalesce(b, '{}') || coalesce(s, '{}')) AS k) keys
        WHERE k <> 'version' AND (b -> k) IS DISTINCT FROM (s -> k)
          AND b IS NOT NULL AND s IS NOT NULL;
      RETURN NULL;
    END $$;
    REVOKE ALL ON FUNCTION followup.task_touch(), followup.settle() FROM PUBLIC;
    """
}
