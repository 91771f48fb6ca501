"""The extract stage: the header (header.py), the closing block (closing.py), the section
trees (sections.py), tables (tables.py) and the plan frameworks a letter sets out (frameworks.py)."""
