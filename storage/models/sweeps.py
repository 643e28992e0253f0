"""Which once-a-morning sweeps are done for which day (bot/sweeps.py).

A row is written in the same transaction as the sweep's work, so a sweep that failed is
not marked, and the primary key keeps it to one row per sweep and day, whatever the
number of replicas. A tick after that day's row is there costs one indexed lookup.
"""

from datetime import date, datetime

from sqlmodel import Column, Field, SQLModel

from storage.models._types import UTCDateTime


class SweepRun(SQLModel, table=True):
    __tablename__ = "sweep_run"

    name: str = Field(primary_key=True, max_length=100)
    # The local working day the sweep did its morning's work for.
    day: date = Field(primary_key=True)
    done_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
