"""Start a Celery worker whose broker gives unacknowledged messages back after a few seconds.

Used by test_worker.py only, to show that a message held by a dead worker is
delivered again: production keeps the 3600 s visibility timeout of the settings.
"""

import os
import sys

from ptn.celery import app

if __name__ == "__main__":
    seconds = int(os.environ["PTN_TEST_VISIBILITY_TIMEOUT"])
    app.conf.broker_transport_options = {
        "visibility_timeout": seconds,
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
    app.worker_main(["worker", *sys.argv[1:]])
