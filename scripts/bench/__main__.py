"""``python -m scripts.bench``: every measurement, each in its own interpreter (see run.py)."""

import sys

from scripts.bench.run import main

sys.exit(main())
