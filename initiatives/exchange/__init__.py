"""The spreadsheet exchange of initiatives: one layout, its export and its import.

``layout`` says which columns a file has and how each reads and writes a value;
``export`` writes CSV and XLSX files in it, ``reader`` turns an uploaded file into
rows, ``importer`` simulates or applies them through the initiative services and
``batches`` runs an ImportBatch from upload to application.
"""
