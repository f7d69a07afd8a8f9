"""`python -m saga.bench`: see saga.bench.run."""

import sys

from saga.bench.run import main

sys.exit(main())
