"""Pages of the supply network: units, categories and menus, suppliers, imports and exports."""
