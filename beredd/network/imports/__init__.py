"""Import meal units and suppliers from .xlsx or semicolon CSV, and export them to .xlsx."""
