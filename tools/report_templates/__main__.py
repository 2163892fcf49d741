"""``python -m tools.report_templates``: rebuild the bundled báo cáo templates."""

import sys

from tools.report_templates.build import main

sys.exit(main())
