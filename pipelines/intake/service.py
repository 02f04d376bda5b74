"""Bringing in the files units send, safely: read -> match names to codes -> check the analyst's scope -> validate
exactly as a build would -> preview (rows accepted and rejected with reasons, values new / changed / unchanged,
statuses that change) -> commit in one step, attributed, or nothing at all.

    intake_dir()/files/<sha256><suffix>          every committed file, byte for byte as received
    intake_dir()/batches/<UTC time>_<sha12>.csv  the accepted rows of one commit, in the tidy format; every build
                                                 reads them after data/raw, and a later batch supersedes earlier
                                                 values of the same unit × year × indicator (kept in the warehouse
                                                 table superseded_observations)
    intake_dir()/log.jsonl                       one line per commit (and per withdrawal): when, who, why, file,
                                                 sha256, counts, build
    intake_dir()/withdrawn/                      batches taken back: their values stop counting, nothing is deleted

A spreadsheet row is accepted or refused whole: when any of its cells has a problem, none of its values is loaded.
Committing the same file again changes nothing. A commit whose build fails leaves no trace: the batch file is
removed and the last good warehouse keeps serving.
"""

from __future__ import annotations

from pipelines.intake.commit_log import committed_entry, log, state, withdrawn_batches
from pipelines.intake.upload_commit import REFUSALS, commit, stale_upload, withdraw
from pipelines.intake.upload_preview import EXCEL, TIDY, Preview, preview

__all__ = [
    "REFUSALS",
    "EXCEL",
    "TIDY",
    "Preview",
    "commit",
    "committed_entry",
    "log",
    "preview",
    "stale_upload",
    "state",
    "withdraw",
    "withdrawn_batches",
]
