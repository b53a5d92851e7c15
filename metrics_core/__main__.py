import sys

from metrics_core.cli import main

sys.exit(main())
