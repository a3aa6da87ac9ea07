-- The rights of the role the clinic's PCs connect as (called cogsuite here), given by the
-- database's owner once `cogsuite store migrate` has made the tables, and again after a later
-- migration adds tables:
--
--     psql -d cogsuite -U cogsuite_owner -f docs/clinic-role.sql
--
-- The PCs read everything, add records, and update only what play and therapists finish or
-- change (a run's end, a client's name, a plan, a therapist's wrong-PIN count). The role is no
-- superuser, cannot create or change tables, and deletes nothing but saved plans: so it can
-- neither remove a therapist's PIN (cogsuite pin --remove needs the owner's login) nor change or
-- delete the audit of who exported, reported or changed what.

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO cogsuite;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM cogsuite;

GRANT SELECT ON ALL TABLES IN SCHEMA public TO cogsuite;
GRANT INSERT ON clients, sessions, runs, trials, level_changes, exercise_settings, plans,
    session_items, mood_checks, app_settings, therapists, therapist_pins, audit, assignments TO cogsuite;
GRANT UPDATE ON clients, sessions, runs, session_items, exercise_settings, plans, app_settings, assignments TO cogsuite;
GRANT UPDATE (failed_tries, locked_until, lock_s) ON therapists TO cogsuite;
GRANT DELETE ON plans TO cogsuite;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO cogsuite;
