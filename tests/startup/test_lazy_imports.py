"""What the program imports before its first window: the heavy libraries wait until needed.

Each check runs in a new interpreter (this test process has imported everything already).
A module-level ``import openpyxl`` added anywhere on the window's path fails here, and
start-up would lose the fifth of a second it costs (benchmarks/startup.py measures it).
"""

import json
import subprocess
import sys
from pathlib import Path

from pcmt_desktop.store.database import Database

HEAVY = ("openpyxl", "docx", "docxtpl", "jinja2", "alembic", "cryptography")


def _modules_after(code: str) -> set[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(completed.stdout.splitlines()[-1]))


def _heavy(modules: set[str]) -> set[str]:
    return {name for name in modules if name.split(".")[0] in HEAVY}


def test_the_login_needs_no_heavy_library_and_no_main_window(tmp_path: Path) -> None:
    path = tmp_path / "pcmt.sqlite3"
    Database.open(path).close()  # migrated to head, as an office's database is
    modules = _modules_after(
        "from pathlib import Path\n"
        "from pcmt_desktop.cli.main import window_arguments\n"
        f"window_arguments(['--db', {str(path)!r}])\n"
        "import pcmt_desktop.gui.app\n"
        "from pcmt_desktop.store.database import Database\n"
        f"Database.open(Path({str(path)!r})).close()\n"
    )
    assert _heavy(modules) == set()
    assert "pcmt_desktop.gui.main_window" not in modules
    assert not any(name.startswith("pcmt_desktop.cli.") and "_command" in name for name in modules)


def test_the_main_window_leaves_word_and_excel_until_asked() -> None:
    modules = _modules_after("import pcmt_desktop.gui.main_window")
    assert {"openpyxl", "docx", "docxtpl", "alembic"} & {m.split(".")[0] for m in modules} == set()


def test_an_old_database_is_still_migrated_when_opened(tmp_path: Path) -> None:
    # The fast path reads the revision with one query; anything but the head goes to alembic.
    from sqlalchemy import text

    from pcmt_desktop.store.migrate import HEAD_REVISION, head_revision

    assert head_revision() == HEAD_REVISION
    path = tmp_path / "old.sqlite3"
    database = Database.open(path)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0005'"))
        # As 0005 left it: the index 0006 replaced.
        connection.execute(text("DROP INDEX ix_person_name_birth_sub_area"))
        connection.execute(text("CREATE INDEX ix_person_name_folded ON person (name_folded)"))
    database.close()
    database = Database.open(path)
    try:
        with database.engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            index = connection.execute(
                text("SELECT name FROM sqlite_master WHERE name = 'ix_person_name_birth_sub_area'")
            ).scalar()
    finally:
        database.close()
    assert (revision, index) == (HEAD_REVISION, "ix_person_name_birth_sub_area")


def test_the_window_modules_are_prepared_in_the_background() -> None:
    modules = _modules_after(
        "from pcmt_desktop.gui.app import WINDOW_MODULE, prepare_window_modules\n"
        "thread = prepare_window_modules()\n"
        "assert thread.daemon\n"
        "thread.join()\n"
    )
    assert "pcmt_desktop.gui.main_window" in modules
    assert "pcmt_desktop.gui.registries.persons.tab" in modules
