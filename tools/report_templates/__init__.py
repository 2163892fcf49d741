"""Builds the two bundled báo cáo templates (resources/templates/*.docx) with python-docx.

The .docx files are generated, not edited by hand, so that their layout (NĐ 30/2020)
and their placeholders stay reviewable as code. Run ``python -m tools.report_templates``
from the repository root after changing anything here, and commit the output.
"""
