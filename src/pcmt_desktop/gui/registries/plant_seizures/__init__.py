"""The plant-seizures registry: its tab and form."""
