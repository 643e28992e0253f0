"""`scripts/smbot` and `scripts/run` run where the user stands: that directory's `.env`."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.processes import environment

ROOT = Path(__file__).resolve().parents[2]


def test_scripts_smbot_reads_the_env_file_where_the_user_stands(tmp_path: Path) -> None:
    database = tmp_path / "mine.db"
    (tmp_path / ".env").write_text(f"DATABASE_URL=sqlite:///{database}\n", encoding="utf-8")
    env = environment()
    env.pop("PYTHONPATH")
    done = subprocess.run(
        [str(ROOT / "scripts" / "smbot"), "migrate"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert database.exists()
    assert not (ROOT / "mine.db").exists()
