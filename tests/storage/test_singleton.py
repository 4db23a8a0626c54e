"""A job held by one process is skipped by every other, on either database, until released."""

import threading

from signon.mail import registry, sender
from signon.storage import singleton
from signon.storage.extensions import db


def test_a_second_holder_is_refused_until_the_first_lets_go(app):
    with app.app_context():
        engine = db.engine
    with singleton.only_one(engine, "reminders") as first:
        assert first
        # Another process's connection (PostgreSQL) or file descriptor (SQLite): refused.
        seen: list[bool] = []

        def elsewhere() -> None:
            with singleton.only_one(engine, "reminders") as mine:
                seen.append(mine)

        thread = threading.Thread(target=elsewhere)
        thread.start()
        thread.join()
        assert seen == [False]
        with singleton.only_one(engine, "privacy-run") as other_job:
            assert other_job
    with singleton.only_one(engine, "reminders") as again:
        assert again


def test_the_schedule_skips_a_job_another_node_is_running(app):
    runs: list[str] = []
    job = registry.ScheduledJob("reminders", lambda: runs.append("ran"), 0)
    with app.app_context():
        engine = db.engine
        with singleton.only_one(engine, "job:reminders"):
            sender.run_due_jobs([job], {})
        assert runs == []
        sender.run_due_jobs([job], {})
    assert runs == ["ran"]
