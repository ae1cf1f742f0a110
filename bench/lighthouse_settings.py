"""Production settings with the collected static files in a folder of bench/lighthouse.py's
choosing, so a measurement leaves nothing behind in the working tree."""

import os
from pathlib import Path

from config.settings.production import *  # noqa: F403

STATIC_ROOT = Path(os.environ["PORTH_BENCH_STATIC_ROOT"])
