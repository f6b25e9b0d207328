"""Turn a report request into a PDF: rows, Jinja2 templates, WeasyPrint, assembly."""
